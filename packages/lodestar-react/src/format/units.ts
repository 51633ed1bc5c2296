/*
 * Values with the house's units, in the person's digits and separators:
 * durations as "42 min", "3.2 h", "2.1 d"; shares as "12.5 %". Null
 * (nothing to measure) is a dash, never 0. Used by the KPI page and the
 * requests plugin's "Where effort goes", so both say the same thing.
 */
import type { LocaleFormat } from './localeFormat';

export const NO_VALUE = '–';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 24 * HOUR;

type Value = number | null | undefined;

/** Nothing to measure: shown as NO_VALUE. */
export const isMissing = (value: Value): value is null | undefined =>
  value === null || value === undefined;

/** A number with exactly `digits` decimals, as toFixed but in the locale. */
export function formatFixed(
  value: Value,
  digits: number,
  format: LocaleFormat,
): string {
  if (isMissing(value)) return NO_VALUE;
  return format.number(value, { fractionDigits: digits });
}

export function formatDuration(seconds: Value, format: LocaleFormat): string {
  if (isMissing(seconds)) return NO_VALUE;
  if (seconds < HOUR) return `${formatFixed(seconds / MINUTE, 0, format)} min`;
  if (seconds < DAY) return `${formatFixed(seconds / HOUR, 1, format)} h`;
  return `${formatFixed(seconds / DAY, 1, format)} d`;
}

/** A rate (0.125) as a share ("12.5 %"). */
export function formatShare(rate: Value, format: LocaleFormat): string {
  if (isMissing(rate)) return NO_VALUE;
  return `${formatFixed(rate * 100, 1, format)} %`;
}
