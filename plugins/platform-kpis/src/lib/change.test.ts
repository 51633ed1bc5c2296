import { compareKpi } from './change';

describe('compareKpi', () => {
  it('is better when a higher-is-better KPI rises', () => {
    expect(compareKpi(1.4, 1, 'higher')).toEqual({
      direction: 'up',
      verdict: 'better',
      label: '+40 %',
    });
  });

  it('is better when a lower-is-better KPI falls', () => {
    expect(compareKpi(3, 4, 'lower')).toEqual({
      direction: 'down',
      verdict: 'better',
      label: '−25 %',
    });
  });

  it('is worse when a lower-is-better KPI rises', () => {
    expect(compareKpi(5, 4, 'lower').verdict).toBe('worse');
    expect(compareKpi(0.9, 1, 'higher').verdict).toBe('worse');
  });

  it('counts shares in percentage points', () => {
    expect(compareKpi(0.08, 0.05, 'lower', 'share')).toEqual({
      direction: 'up',
      verdict: 'worse',
      label: '+3.0 pts',
    });
  });

  it('is neutral when either value is missing', () => {
    for (const [current, previous] of [
      [null, 1],
      [1, null],
      [undefined, 1],
    ] as const) {
      expect(compareKpi(current, previous, 'higher')).toEqual({
        direction: 'flat',
        verdict: 'neutral',
        label: null,
      });
    }
  });

  it('is neutral when nothing moved, and says "from 0" after a zero', () => {
    expect(compareKpi(2, 2, 'higher')).toMatchObject({
      verdict: 'neutral',
      label: 'no change',
    });
    expect(compareKpi(2, 0, 'higher')).toMatchObject({
      verdict: 'better',
      label: 'from 0',
    });
  });
});
