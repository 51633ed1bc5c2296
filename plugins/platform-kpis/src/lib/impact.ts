/*
 * Shipped improvements on the KPI page: how an impact value reads, the
 * verdicts in words, and where a ship date falls on a chart of buckets.
 */
import { LocaleFormat } from '@internal/lodestar-react';
import {
  ImpactUnit,
  ImpactVerdict,
} from '@internal/plugin-platform-kpis-common';
import {
  formatDuration,
  formatFixed,
  formatHours,
  formatPerDay,
  formatShare,
  NO_VALUE,
} from './format';

export const VERDICT_LABELS: Record<ImpactVerdict, string> = {
  improved: 'Improved',
  worse: 'Worse',
  noClearChange: 'No clear change',
  notEnoughData: 'Not enough data',
};

export function formatImpactValue(
  unit: ImpactUnit | undefined,
  value: number | null,
  format: LocaleFormat,
): string {
  if (value === null) return NO_VALUE;
  switch (unit) {
    case 'seconds':
      return formatDuration(value, format);
    case 'share':
      return formatShare(value, format);
    case 'perDay':
      return formatPerDay(value, format);
    case 'perWeek':
      return `${formatFixed(value, 1, format)} / week`;
    case 'hoursPerWeek':
      return `${formatHours(value, format)} / week`;
    case 'score':
      return formatFixed(value, 1, format);
    default:
      return formatFixed(value, 2, format);
  }
}

/** A ship date on a chart: the bucket it falls in, and what shipped. */
export type ShipMarker = { bucket: string; label: string; shippedAt: string };

/**
 * The ship dates inside [from, to), each on the last bucket starting at or
 * before it (buckets: their ISO starts, ascending).
 */
export function shipMarkers(
  buckets: string[],
  window: { from: string; to: string },
  shipped: Array<{ title: string; shippedAt: string }>,
): ShipMarker[] {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const starts = buckets.map(b => Date.parse(b));
  const out: ShipMarker[] = [];
  for (const s of shipped) {
    const at = Date.parse(s.shippedAt);
    if (!(at >= from && at < to)) continue;
    let i = -1;
    starts.forEach((start, k) => {
      if (start <= at) i = k;
    });
    if (i >= 0) {
      out.push({ bucket: buckets[i], label: s.title, shippedAt: s.shippedAt });
    }
  }
  return out;
}
