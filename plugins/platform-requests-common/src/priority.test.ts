import { computePriority, DEFAULT_PRIORITY_WEIGHTS } from './priority';

describe('computePriority', () => {
  const base = {
    votes: 0,
    teams: 0,
    hoursLostPerWeek: 0,
    urgency: 'low' as const,
    ageDays: 0,
  };

  it('shows every part, and the parts add up to the score', () => {
    const p = computePriority({
      votes: 10,
      teams: 3,
      hoursLostPerWeek: 20,
      urgency: 'high',
      ageDays: 30,
    });
    expect(p.parts.map(x => x.factor)).toEqual([
      'votes',
      'teams',
      'hoursLost',
      'urgency',
      'age',
    ]);
    expect(p.parts.find(x => x.factor === 'votes')).toEqual({
      factor: 'votes',
      value: 10,
      weight: 20,
      points: 10,
    });
    expect(p.score).toBeCloseTo(
      p.parts.reduce((s, x) => s + x.points, 0),
      5,
    );
  });

  it('rises with each factor and stays below the sum of the weights', () => {
    const low = computePriority(base).score;
    expect(computePriority({ ...base, votes: 5 }).score).toBeGreaterThan(low);
    expect(computePriority({ ...base, teams: 2 }).score).toBeGreaterThan(low);
    expect(
      computePriority({ ...base, hoursLostPerWeek: 8 }).score,
    ).toBeGreaterThan(low);
    expect(
      computePriority({ ...base, urgency: 'critical' }).score,
    ).toBeGreaterThan(low);
    expect(computePriority({ ...base, ageDays: 10 }).score).toBeGreaterThan(
      low,
    );
    const max = Object.values(DEFAULT_PRIORITY_WEIGHTS).reduce(
      (a, b) => a + b,
      0,
    );
    expect(
      computePriority({
        votes: 1e6,
        teams: 1e3,
        hoursLostPerWeek: 1e5,
        urgency: 'critical',
        ageDays: 1e4,
      }).score,
    ).toBeLessThanOrEqual(max);
  });

  it('uses configured weights', () => {
    const onlyVotes = { votes: 1, teams: 0, hoursLost: 0, urgency: 0, age: 0 };
    expect(
      computePriority({ ...base, votes: 10, urgency: 'critical' }, onlyVotes)
        .score,
    ).toBe(0.5);
  });
});
