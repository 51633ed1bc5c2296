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
 * Mann–Whitney U of `after` against `before`: z > 0 when `after` tends to be
 * larger. Ties get average ranks and the variance their correction; a
 * continuity correction of ½ moves U towards its mean. Both samples must be
 * non-empty.
 */
export function mannWhitney(before: number[], after: number[]): TestOutcome {
  const n1 = after.length;
  const n2 = before.length;
  const n = n1 + n2;
  const u = wilcoxonRankSum(after, before) - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance =
    ((n1 * n2) / 12) * (n + 1 - tieSum([...before, ...after]) / (n * (n - 1)));
  if (!(variance > 0)) return { z: 0, pValue: 1 };
  const distance = Math.max(0, Math.abs(u - mean) - 0.5);
  const z = (Math.sign(u - mean) * distance) / Math.sqrt(variance);
  return { z, pValue: twoSidedP(z) };
}

/** Σ (t³ − t) over the groups of equal values. */
function tieSum(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  let sum = 0;
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) {
      run++;
    } else {
      sum += run * run * run - run;
      run = 1;
    }
  }
  return sum;
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
export function median(values: number[]): number | null {
  return values.length === 0 ? null : sampleMedian(values);
}
