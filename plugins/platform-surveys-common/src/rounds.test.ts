import { addMonthsUtc, roundsOf, roundState } from './rounds';

describe('rounds', () => {
  it('shifts a quarterly survey by three months, clamping the day to the month', () => {
    expect(
      addMonthsUtc(new Date('2026-01-31T09:00:00Z'), 3).toISOString(),
    ).toBe('2026-04-30T09:00:00.000Z');
    expect(
      addMonthsUtc(new Date('2026-11-15T09:00:00Z'), 3).toISOString(),
    ).toBe('2027-02-15T09:00:00.000Z');
  });

  it('lists every round with its state at a given time', () => {
    const survey = {
      opensAt: '2026-01-05T09:00:00.000Z',
      closesAt: '2026-01-19T09:00:00.000Z',
      repeat: { every: 'quarter' as const, rounds: 3 },
    };
    expect(roundsOf(survey, new Date('2026-04-10T00:00:00Z'))).toEqual([
      {
        round: 1,
        opensAt: '2026-01-05T09:00:00.000Z',
        closesAt: '2026-01-19T09:00:00.000Z',
        state: 'closed',
      },
      {
        round: 2,
        opensAt: '2026-04-05T09:00:00.000Z',
        closesAt: '2026-04-19T09:00:00.000Z',
        state: 'open',
      },
      {
        round: 3,
        opensAt: '2026-07-05T09:00:00.000Z',
        closesAt: '2026-07-19T09:00:00.000Z',
        state: 'upcoming',
      },
    ]);
    expect(roundsOf({ ...survey, repeat: null }, new Date())).toHaveLength(1);
  });

  it('closes a round at its closing instant', () => {
    const window = {
      opensAt: '2026-01-05T09:00:00.000Z',
      closesAt: '2026-01-19T09:00:00.000Z',
    };
    expect(roundState(window, new Date('2026-01-05T09:00:00.000Z'))).toBe(
      'open',
    );
    expect(roundState(window, new Date('2026-01-19T09:00:00.000Z'))).toBe(
      'closed',
    );
  });
});
