/*
 * The tests behind an impact verdict (docs/kpis.md, "Impact"): the
 * Mann–Whitney U (Wilcoxon rank-sum) test for per-event durations and for
 * per-day counts, and the two-proportion z-test for a share. Both use the
 * normal approximation, two-sided; rank sums and the normal tail come from
 * simple-statistics.
 */
import {
  errorFunction,
  median as sampleMedian,
  wilcoxonRankSum,
} from 'simple-statistics';

/** Significance level of every impact test. */
export const ALPHA = 0.05;

export type TestOutcome = { z: number; pValue: number };

/** Two-sided p-value of a standard normal z. */
export function twoSidedP(z: number): number {
  return Math.min(1, Math.max(0, 1 - errorFunction(Math.abs(z) / Math.SQRT2)));
}

/**
 * Up to this many values in all, simple-statistics' wilcoxonRankSum ranks
 * them. It builds an object per value and sorts those: about 0.1–0.3 s for
 * 200,000 values, too slow for an organisation-wide question. Above it the
 * same rank sum comes from one merge of the two sorted samples
 * (statistics.test.ts checks the two agree).
 */
export const LIBRARY_RANK_SUM_LIMIT = 20_000;

/**
 * Mann–Whitney U of `after` against `before`: z > 0 when `after` tends to be
 * larger. Ties get average ranks and the variance their correction; a
 * continuity correction of ½ moves U towards its mean. Both samples must be
 * non-empty.
 */
export function mannWhitney(
  before: ArrayLike<number>,
  after: ArrayLike<number>,
): TestOutcome {
  const x = Float64Array.from(after).sort();
  const y = Float64Array.from(before).sort();
  const n1 = x.length;
  const n2 = y.length;
  const n = n1 + n2;
  const merged = mergedRanks(x, y);
  const rankSum =
    n <= LIBRARY_RANK_SUM_LIMIT
      ? wilcoxonRankSum(Array.from(x), Array.from(y))
      : merged.rankSum;
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - merged.ties / (n * (n - 1)));
  if (!(variance > 0)) return { z: 0, pValue: 1 };
  const distance = Math.max(0, Math.abs(u - mean) - 0.5);
  const z = (Math.sign(u - mean) * distance) / Math.sqrt(variance);
  return { z, pValue: twoSidedP(z) };
}

/**
 * One pass over two ascending samples: the rank sum of `x` in the pooled
 * sample (tied values share their average rank) and the tie term
 * Σ (t³ − t) over the groups of t equal values.
 */
export function mergedRanks(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): { rankSum: number; ties: number } {
  let i = 0;
  let j = 0;
  let rank = 0;
  let rankSum = 0;
  let ties = 0;
  while (i < x.length || j < y.length) {
    const v = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
    let inX = 0;
    let inY = 0;
    while (i < x.length && x[i] === v) {
      inX++;
      i++;
    }
    while (j < y.length && y[j] === v) {
      inY++;
      j++;
    }
    const t = inX + inY;
    // The ranks rank + 1 … rank + t, averaged.
    rankSum += inX * (rank + (t + 1) / 2);
    ties += t * t * t - t;
    rank += t;
  }
  return { rankSum, ties };
}

/**
 * Two-proportion z-test with the pooled share: z > 0 when the share after
 * (k2 of n2) is higher than before (k1 of n1). Both n must be positive.
 */
export function twoProportions(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
): TestOutcome {
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { z: 0, pValue: 1 };
  const z = (k2 / n2 - k1 / n1) / se;
  return { z, pValue: twoSidedP(z) };
}

/** The median of a sample (the mean of the middle two for an even count). */
export function median(values: ArrayLike<number>): number | null {
  return values.length === 0 ? null : sampleMedian(Array.from(values));
}
