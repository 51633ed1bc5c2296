/*
 * Mean and median of a scale question from its counted answers (the
 * database counts; no list of single answers is ever built). The median of
 * an even count is the mean of the two middle values.
 */
import { AnswerCount } from '@internal/plugin-platform-surveys-common';

export function meanOf(distribution: AnswerCount[]): number {
  let n = 0;
  let sum = 0;
  for (const { value, count } of distribution) {
    n += count;
    sum += Number(value) * count;
  }
  return n === 0 ? NaN : sum / n;
}

export function medianOf(distribution: AnswerCount[]): number {
  const sorted = [...distribution].sort(
    (a, b) => Number(a.value) - Number(b.value),
  );
  const n = sorted.reduce((sum, d) => sum + d.count, 0);
  if (n === 0) return NaN;
  const nth = (k: number) => {
    let seen = 0;
    for (const d of sorted) {
      seen += d.count;
      if (k < seen) return Number(d.value);
    }
    return NaN;
  };
  return n % 2 === 1 ? nth((n - 1) / 2) : (nth(n / 2 - 1) + nth(n / 2)) / 2;
}

/** Rounded to two decimals, as shown and exported. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
