import { RoundResults } from '@internal/plugin-platform-surveys-common';
import { ClosedRoundCache } from './ClosedRoundCache';

function results(surveyId: string, respondents: number): RoundResults {
  return {
    surveyId,
    round: 1,
    state: 'closed',
    floor: 5,
    overall: { team: null, enough: true, respondents, questions: [] },
    byTeam: [],
  };
}

describe('ClosedRoundCache', () => {
  let now: number;
  let cache: ClosedRoundCache;
  beforeEach(() => {
    now = 0;
    cache = new ClosedRoundCache(1_000, () => now);
  });

  it('computes a round once while it is kept, and again once it expired', async () => {
    const compute = jest.fn(async () => results('a', 10));
    await cache.get('a', 1, compute);
    now = 999;
    await cache.get('a', 1, compute);
    expect(compute).toHaveBeenCalledTimes(1);
    now = 1_000;
    await cache.get('a', 1, compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('shares one computation between readers at once', async () => {
    let finish: (r: RoundResults) => void = () => {};
    const compute = jest.fn(
      () => new Promise<RoundResults>(resolve => (finish = resolve)),
    );
    const both = Promise.all([
      cache.get('a', 1, compute),
      cache.get('a', 1, compute),
    ]);
    finish(results('a', 10));
    expect(await both).toEqual([results('a', 10), results('a', 10)]);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('keeps rounds apart and forgets only the survey it is told', async () => {
    await cache.get('a', 1, async () => results('a', 10));
    await cache.get('a', 2, async () => results('a', 20));
    await cache.get('b', 1, async () => results('b', 30));
    cache.forget('a');
    const again = jest.fn(async () => results('a', 11));
    expect(await cache.get('a', 1, again)).toEqual(results('a', 11));
    expect(await cache.get('a', 2, again)).toEqual(results('a', 11));
    expect(again).toHaveBeenCalledTimes(2);
    expect(await cache.get('b', 1, again)).toEqual(results('b', 30));
  });

  it('does not keep a failed computation', async () => {
    await expect(
      cache.get('a', 1, async () => {
        throw new Error('database gone');
      }),
    ).rejects.toThrow('database gone');
    expect(await cache.get('a', 1, async () => results('a', 10))).toEqual(
      results('a', 10),
    );
  });
});
