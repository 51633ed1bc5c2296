import { decide, VerdictInput } from './verdict';

const w = (before: number, after: number, n = 50) => ({
  before: { value: before, n },
  after: { value: after, n },
});

/** Lead time in seconds: 10 h before, 6 h after (−40 %). */
const base: VerdictInput = {
  better: 'lower',
  scope: w(36_000, 21_600),
  rest: w(36_000, 34_200), // −5 %
  pValue: 0.001,
  changeAs: 'relative',
  restEnough: true,
};

describe('decide', () => {
  it('improved: significant, the good way, and more than the rest', () => {
    const v = decide(base);
    expect(v.verdict).toBe('improved');
    expect(v.reason).toBe(
      'The scope fell 40 % (p = 0.001); the rest of the organisation fell 5 %.',
    );
  });

  it('no clear change when the rest moved as much (an organisation-wide trend)', () => {
    const v = decide({ ...base, rest: w(36_000, 18_000) }); // −50 %
    expect(v.verdict).toBe('noClearChange');
    expect(v.reason).toContain('not the scope');
  });

  it('no clear change when not significant at α = 0.05', () => {
    expect(decide({ ...base, pValue: 0.05 }).verdict).toBe('noClearChange');
    expect(decide({ ...base, pValue: 0.2 }).reason).toContain(
      'not significant at α = 0.05',
    );
  });

  it('worse: significant the bad way and worse than the rest', () => {
    const v = decide({ ...base, scope: w(21_600, 36_000) });
    expect(v.verdict).toBe('worse');
    expect(
      decide({ ...base, scope: w(21_600, 36_000), rest: w(10, 20) }),
    ).toMatchObject({ verdict: 'noClearChange' }); // rest +100 % vs +67 %
  });

  it('higher is better for rates; shares compare in points', () => {
    expect(
      decide({ ...base, better: 'higher', scope: w(2, 3), rest: w(2, 2) })
        .verdict,
    ).toBe('improved');
    const cfr = decide({
      ...base,
      changeAs: 'points',
      scope: w(0.2, 0.08),
      rest: w(0.15, 0.14),
    });
    expect(cfr.verdict).toBe('improved');
    expect(cfr.reason).toContain('fell 12 percentage points');
  });

  it('without a rest, the scope alone decides and the reason says why', () => {
    const v = decide({ ...base, rest: null, restEnough: false });
    expect(v.verdict).toBe('improved');
    expect(v.reason).toContain('whole organisation');
    const thin = decide({ ...base, restEnough: false });
    expect(thin.verdict).toBe('improved');
    expect(thin.reason).toContain('cannot be ruled out');
  });

  it('not enough data when there is no test', () => {
    expect(
      decide({ ...base, pValue: null, shortfall: 'only 3 after' }),
    ).toEqual({ verdict: 'notEnoughData', reason: 'only 3 after' });
  });
});
