/*
 * How KPI values read on screen, in one place so tiles, tables, cards and
 * the home page say the same thing: durations as "42 min", "3.2 h", "2.1 d";
 * shares as "12.5 %"; per-day rates with two decimals. Null (nothing to
 * measure in the window) is a dash, never 0.
 */
import { KpiDefinition, Tier } from '@internal/plugin-platform-kpis-common';

export const NO_VALUE = '–';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 24 * HOUR;

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return NO_VALUE;
  if (seconds < HOUR) return `${Math.round(seconds / MINUTE)} min`;
  if (seconds < DAY) return `${(seconds / HOUR).toFixed(1)} h`;
  return `${(seconds / DAY).toFixed(1)} d`;
}

export function formatShare(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return NO_VALUE;
  return `${(rate * 100).toFixed(1)} %`;
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return NO_VALUE;
  return n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return NO_VALUE;
  return `${hours.toLocaleString('en-US', {
    maximumFractionDigits: hours < 10 ? 1 : 0,
  })} h`;
}

export function formatKpiValue(
  unit: KpiDefinition['unit'],
  value: number | null | undefined,
): string {
  if (value === null || value === undefined) return NO_VALUE;
  switch (unit) {
    case 'seconds':
      return formatDuration(value);
    case 'share':
      return formatShare(value);
    case 'perDay':
    case 'perWeek':
      return value.toFixed(2);
    case 'hours':
      return formatHours(value);
    case 'score':
      return `${value.toFixed(1)} / 5`;
    case 'count':
    default:
      return formatCount(value);
  }
}

export const TIER_LABELS: Record<Tier, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** "last 90 days" */
export function windowLabel(days: number): string {
  return `last ${days} days`;
}

/** A series bucket's start as a short date in the viewer's zone: "3 Mar". */
export function formatBucket(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return date.toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      timeZone,
    });
  } catch {
    return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  }
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** "5 min ago", "3 h ago", "2 d ago" */
export function formatAgo(iso: string, now: Date = new Date()): string {
  const seconds = Math.max(0, (now.getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < HOUR) return `${Math.round(seconds / MINUTE)} min ago`;
  if (seconds < DAY) return `${Math.round(seconds / HOUR)} h ago`;
  return `${Math.round(seconds / DAY)} d ago`;
}
