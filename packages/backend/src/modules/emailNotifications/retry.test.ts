/*
 * The backoff itself, on Jest's fake timers with the real timer-based wait:
 * delays double up to the cap, a success stops the retries, a permanent
 * refusal (5xx) is not retried, and the last failure gives up.
 */
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  realWait,
  withRetry,
} from './retry';

describe('withRetry', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const policy = { attempts: 4, firstDelayMs: 1_000, maxDelayMs: 3_000 };

  it('waits 1, 2, then 3 s (capped) between attempts and stops at the first success', async () => {
    const failures: Array<{ attempt: number; retryInMs?: number }> = [];
    let calls = 0;
    const done = withRetry(
      async () => {
        calls++;
        if (calls < 4) throw new Error('ECONNREFUSED');
      },
      {
        policy,
        wait: realWait,
        onFailure: ({ attempt, retryInMs }) =>
          failures.push({ attempt, retryInMs }),
      },
    );
    await jest.advanceTimersByTimeAsync(999);
    expect(calls).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(calls).toBe(3);
    await jest.advanceTimersByTimeAsync(3_000);
    await expect(done).resolves.toBe(true);
    expect(calls).toBe(4);
    expect(failures).toEqual([
      { attempt: 1, retryInMs: 1_000 },
      { attempt: 2, retryInMs: 2_000 },
      { attempt: 3, retryInMs: 3_000 },
    ]);
  });

  it('gives up after the last attempt', async () => {
    const failures: Array<number | undefined> = [];
    const done = withRetry(
      async () => {
        throw new Error('ECONNREFUSED');
      },
      {
        policy: { ...policy, attempts: 2 },
        wait: realWait,
        onFailure: ({ retryInMs }) => failures.push(retryInMs),
      },
    );
    await jest.advanceTimersByTimeAsync(1_000);
    await expect(done).resolves.toBe(false);
    expect(failures).toEqual([1_000, undefined]);
  });

  it('does not retry a permanent refusal (5xx)', async () => {
    let calls = 0;
    const done = withRetry(
      async () => {
        calls++;
        throw Object.assign(new Error('550 mailbox unavailable'), {
          responseCode: 550,
        });
      },
      { policy, wait: realWait, onFailure: () => {} },
    );
    await expect(done).resolves.toBe(false);
    expect(calls).toBe(1);
  });

  it('spreads the default six attempts over about a quarter of an hour', () => {
    const delays = [1, 2, 3, 4, 5].map(n =>
      backoffDelay(DEFAULT_RETRY_POLICY, n),
    );
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  });
});
