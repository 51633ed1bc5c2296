import { visibleGroups } from './anonymity';

const A = 'group:default/a';
const B = 'group:default/b';
const C = 'group:default/c';

describe('visibleGroups', () => {
  it('shows nothing when everyone together is below the floor', () => {
    expect(visibleGroups([{ team: A, n: 4 }], 5)).toEqual({
      overall: false,
      overallRespondents: 4,
      teams: [],
      hidden: [A],
    });
  });

  it('shows teams at the floor and hides those below when the hidden rest reaches it too', () => {
    const v = visibleGroups(
      [
        { team: A, n: 6 },
        { team: B, n: 3 },
        { team: null, n: 2 },
        { team: C, n: 5 },
      ],
      5,
    );
    expect(v.overall).toBe(true);
    expect(v.teams).toEqual([
      { team: A, n: 6 },
      { team: C, n: 5 },
    ]);
    expect(v.hidden).toEqual([null, B]);
  });

  it('hides the smallest shown teams until the hidden rest reaches the floor', () => {
    const v = visibleGroups(
      [
        { team: A, n: 9 },
        { team: B, n: 6 },
        { team: C, n: 1 },
      ],
      5,
    );
    expect(v.teams).toEqual([{ team: A, n: 9 }]);
    expect(v.hidden).toEqual([B, C]);
  });

  it('hides every team when only one could be shown beside a small rest', () => {
    const v = visibleGroups(
      [
        { team: A, n: 6 },
        { team: B, n: 4 },
      ],
      5,
    );
    expect(v.overall).toBe(true);
    expect(v.teams).toEqual([]);
  });

  it('breaks ties by name, so the answer never changes between calls', () => {
    const counts = [
      { team: B, n: 6 },
      { team: A, n: 6 },
      { team: C, n: 2 },
    ];
    expect(visibleGroups(counts, 5).teams).toEqual([{ team: B, n: 6 }]);
    expect(visibleGroups([...counts].reverse(), 5).teams).toEqual([
      { team: B, n: 6 },
    ]);
  });
});
