/**
 * The job itself: expire shipment quotes that customers never accepted.
 *
 * It is a plain async function. Everything it touches from the outside world
 * (the quote store, the clock, the logger) comes in through `deps`, so tests
 * can hand it fakes and check the summary it returns. Replace the body with
 * your own work, and keep that shape.
 */

export type QuoteStatus = 'open' | 'accepted' | 'expired';

export interface Quote {
  readonly id: string;
  readonly customerId: string;
  readonly createdAt: Date;
  readonly status: QuoteStatus;
}

/** Where quotes live: a database, another service's API... */
export interface QuoteStore {
  /** Open quotes created before `cutoff`, oldest first, at most `limit` of them. */
  findOpenQuotesCreatedBefore(cutoff: Date, limit: number): Promise<readonly Quote[]>;
  /** Marks one quote as expired. */
  markExpired(id: string, expiredAt: Date): Promise<void>;
}

/** Returns "now". Injected so tests control time. */
export type Clock = () => Date;

/** The part of a pino logger the job uses. */
export interface JobLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface JobDeps {
  readonly store: QuoteStore;
  readonly clock: Clock;
  readonly logger: JobLogger;
}

export interface JobOptions {
  /** Open quotes older than this are expired. */
  readonly maxAgeHours: number;
  /** Most quotes handled in one run; the rest wait for the next run. */
  readonly batchSize: number;
  /** Count what would be expired, change nothing. */
  readonly dryRun: boolean;
  /** Aborted on shutdown: the job stops between two quotes. */
  readonly signal?: AbortSignal;
}

export interface JobSummary {
  readonly startedAt: string;
  readonly cutoff: string;
  /** Quotes found that were old enough to expire. */
  readonly found: number;
  /** Quotes expired (or that would have been, in a dry run). */
  readonly expired: number;
  /** Quotes that could not be expired; they are retried on the next run. */
  readonly failed: number;
  readonly dryRun: boolean;
  /** True when a shutdown stopped the run before it handled every quote. */
  readonly aborted: boolean;
  readonly durationMs: number;
}

const HOUR_MS = 60 * 60 * 1000;

export async function runJob(deps: JobDeps, options: JobOptions): Promise<JobSummary> {
  const { store, clock, logger } = deps;
  const startedAt = clock();
  const cutoff = new Date(startedAt.getTime() - options.maxAgeHours * HOUR_MS);

  const quotes = await store.findOpenQuotesCreatedBefore(cutoff, options.batchSize);
  logger.info({ found: quotes.length, cutoff: cutoff.toISOString() }, 'found stale quotes');

  let expired = 0;
  let failed = 0;
  let aborted = false;
  for (const quote of quotes) {
    if (options.signal?.aborted) {
      aborted = true;
      break;
    }
    if (options.dryRun) {
      expired += 1;
      continue;
    }
    try {
      await store.markExpired(quote.id, startedAt);
      expired += 1;
    } catch (error) {
      failed += 1;
      logger.warn({ err: error, quoteId: quote.id }, 'could not expire quote');
    }
  }

  return {
    startedAt: startedAt.toISOString(),
    cutoff: cutoff.toISOString(),
    found: quotes.length,
    expired,
    failed,
    dryRun: options.dryRun,
    aborted,
    durationMs: clock().getTime() - startedAt.getTime(),
  };
}
