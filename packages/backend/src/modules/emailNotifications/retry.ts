/*
 * Delivery with exponential backoff. An SMTP server that is down or
 * refuses for a while (4xx, a restart) should delay a mail, not lose it;
 * after the last attempt the mail is given up with one log line. Pending
 * retries live in memory: a backend restart drops them (documented in
 * docs/operations.md).
 */

export type RetryPolicy = {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Wait before the second attempt; doubles for each one after. */
  firstDelayMs: number;
  maxDelayMs: number;
};

/** 6 attempts over about 15 minutes: 30 s, 1, 2, 4 and 8 minutes apart. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 6,
  firstDelayMs: 30_000,
  maxDelayMs: 8 * 60_000,
};

export type Wait = (ms: number) => Promise<void>;

/** A timer that does not keep the process alive. */
export const realWait: Wait = ms =>
  new Promise(resolve => setTimeout(resolve, ms).unref());

/** The wait before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.firstDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

/** Permanent refusals (5xx, a bad address) are not worth retrying. */
export function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export async function withRetry(
  attempt: () => Promise<void>,
  options: {
    policy: RetryPolicy;
    wait: Wait;
    onFailure(info: {
      attempt: number;
      error: unknown;
      /** undefined when this was the last attempt. */
      retryInMs?: number;
    }): void;
  },
): Promise<boolean> {
  const { policy, wait, onFailure } = options;
  for (let n = 1; n <= policy.attempts; n++) {
    try {
      await attempt();
      return true;
    } catch (error) {
      const last = n === policy.attempts || isPermanent(error);
      const retryInMs = last ? undefined : backoffDelay(policy, n);
      onFailure({ attempt: n, error, retryInMs });
      if (retryInMs === undefined) return false;
      await wait(retryInMs);
    }
  }
  return false;
}
