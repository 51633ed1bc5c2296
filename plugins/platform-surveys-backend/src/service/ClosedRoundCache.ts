/*
 * The results of closed rounds, kept for a short while. Answers are only
 * taken while a round is open, so a closed round's results do not change:
 * reading them again (each results page, CSV, trend point and KPI score)
 * need not aggregate 10,000 responses again. What is kept is only what the
 * API shows anyway (already cut at the floor), never rows. An answer given
 * through this process forgets its survey at once; the time to live bounds
 * how long another replica may show a round that demo backdating changed
 * after it closed.
 */
import { RoundResults } from '@internal/plugin-platform-surveys-common';

export const CLOSED_ROUND_TTL_MS = 60_000;
/** Enough for every closed round anyone looks at; oldest dropped first. */
const MAX_ROUNDS = 500;

type Entry = { expires: number; results: Promise<RoundResults> };

export class ClosedRoundCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = CLOSED_ROUND_TTL_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /**
   * The kept results of the round, or `compute()`'s (kept). Concurrent
   * readers of a round share one computation; a failed one is not kept.
   */
  get(
    surveyId: string,
    round: number,
    compute: () => Promise<RoundResults>,
  ): Promise<RoundResults> {
    const key = keyOf(surveyId, round);
    const now = this.clock();
    const kept = this.entries.get(key);
    if (kept && kept.expires > now) return kept.results;
    this.entries.delete(key);
    const results = compute();
    const entry = { expires: now + this.ttlMs, results };
    this.entries.set(key, entry);
    results.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > MAX_ROUNDS) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return results;
  }

  /** Drops every kept round of the survey (an answer changed it). */
  forget(surveyId: string): void {
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(`${surveyId}/`)) this.entries.delete(key);
    }
  }
}

function keyOf(surveyId: string, round: number): string {
  return `${surveyId}/${round}`;
}
