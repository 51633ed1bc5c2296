/*
 * How KPI values read on screen, in one place so tiles, tables, cards and
 * the home page say the same thing: durations as "42 min", "3.2 h", "2.1 d";
 * shares as "12.5 %"; per-day rates with two decimals. Null (nothing to
 * measure in the window) is a dash, never 0. The units are the house's;
 * digits, separators and month names are the person's, through the
 * LocaleFormat every function takes (@internal/lodestar-react's
 * useLocaleFormat): "3,2 h" and "5. März" in de-DE.
 */
import {
  formatDuration,
  formatFixed,
  formatShare,
  isMissing as missing,
  LocaleFormat,
  NO_VALUE,
} from '@internal/lodestar-react';
import { KpiDefinition, Tier } from '@internal/plugin-platform-kpis-common';

// Durations and shares are shared with the requests plugin's "Where
// effort goes" page (@internal/lodestar-react).
export { formatDuration, formatFixed, formatShare, NO_VALUE };

const MINUTE = 60;
const HOUR = 3600;
const DAY = 24 * HOUR;

type Value = number | null | undefined;

export function formatCount(n: Value, format: LocaleFormat): string {
  if (missing(n)) return NO_VALUE;
  return format.number(n, { maxFractionDigits: 1 });
}

/** "3 of 5": a part of a total. */
export function formatOf(
  part: number,
  total: number,
  format: LocaleFormat,
): string {
  return `${formatCount(part, format)} of ${formatCount(total, format)}`;
}

export function formatHours(hours: Value, format: LocaleFormat): string {
  if (missing(hours)) return NO_VALUE;
  return `${format.number(hours, {
    maxFractionDigits: hours < 10 ? 1 : 0,
  })} h`;
}

/** "1.40 / day" */
export function formatPerDay(perDay: Value, format: LocaleFormat): string {
  if (missing(perDay)) return NO_VALUE;
  return `${formatFixed(perDay, 2, format)} / day`;
}

export function formatKpiValue(
  unit: KpiDefinition['unit'],
  value: Value,
  format: LocaleFormat,
): string {
  if (missing(value)) return NO_VALUE;
  switch (unit) {
    case 'seconds':
      return formatDuration(value, format);
    case 'share':
      return formatShare(value, format);
    case 'perDay':
    case 'perWeek':
      return formatFixed(value, 2, format);
    case 'hours':
      return formatHours(value, format);
    case 'score':
      return `${formatFixed(value, 1, format)} / 5`;
    case 'count':
    default:
      return formatCount(value, format);
  }
}

export const TIER_LABELS: Record<Tier, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** "last 90 days" */
export function windowLabel(days: number, format: LocaleFormat): string {
  return `last ${format.number(days)} days`;
}

/** "vs previous 90 days": what a tile's change compares against. */
export function againstPrevious(days: number, format: LocaleFormat): string {
  return `vs previous ${format.number(days)} days`;
}

/** "5 min ago", "3 h ago", "2 d ago" */
export function formatAgo(
  iso: string,
  format: LocaleFormat,
  now: Date = new Date(),
): string {
  const seconds = Math.max(0, (now.getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < HOUR)
    return `${formatFixed(seconds / MINUTE, 0, format)} min ago`;
  if (seconds < DAY) return `${formatFixed(seconds / HOUR, 0, format)} h ago`;
  return `${formatFixed(seconds / DAY, 0, format)} d ago`;
}
