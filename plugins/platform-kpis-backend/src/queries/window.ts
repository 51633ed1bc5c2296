/*
 * A query's time window and its calendar. The window is the `days` × 24 h
 * before `until`; days and weeks are counted in the viewer's time zone.
 * SQLite knows no time zones, so the zone becomes data: the few spans of
 * constant UTC offset that cover the window (two or three a year where
 * daylight saving applies), turned into a CASE expression that shifts each
 * timestamp to local time before integer division by a day.
 */
import {
  KpiWindow,
  WindowName,
  windowDays,
} from '@internal/plugin-platform-kpis-common';
import { DateTime } from 'luxon';

export const DAY_MS = 86_400_000;

/** A span [from, to) of one UTC offset; `to` null for the last. */
export type OffsetSpan = { from: number; offsetMs: number };

export type ResolvedWindow = {
  name: WindowName;
  from: number;
  to: number;
  days: number;
  tz: string;
  bucket: 'day' | 'week';
  /** The window of the same length just before. */
  previous: { from: number; to: number };
  /** Offsets over [previous.from, to), first span starting at -infinity. */
  spans: OffsetSpan[];
};

export function resolveWindow(
  query: { window: WindowName; until?: number; tz: string },
  now: number = Date.now(),
): ResolvedWindow {
  const days = windowDays(query.window);
  const to = query.until ?? now;
  const from = to - days * DAY_MS;
  const previous = { from: from - days * DAY_MS, to: from };
  return {
    name: query.window,
    from,
    to,
    days,
    tz: query.tz,
    bucket: days <= 30 ? 'day' : 'week',
    previous,
    spans: offsetSpans(query.tz, previous.from - 7 * DAY_MS, to + DAY_MS),
  };
}

export function windowView(w: ResolvedWindow): KpiWindow {
  return {
    name: w.name,
    from: new Date(w.from).toISOString(),
    to: new Date(w.to).toISOString(),
    days: w.days,
    tz: w.tz,
    bucket: w.bucket,
  };
}

function offsetAt(tz: string, ms: number): number {
  return DateTime.fromMillis(ms, { zone: tz }).offset * 60_000;
}

/**
 * The spans of constant offset in [from, to): scans day by day and finds
 * each change by bisection.
 */
export function offsetSpans(
  tz: string,
  from: number,
  to: number,
): OffsetSpan[] {
  const spans: OffsetSpan[] = [
    { from: Number.NEGATIVE_INFINITY, offsetMs: offsetAt(tz, from) },
  ];
  let current = spans[0].offsetMs;
  for (let t = from; t < to; t += DAY_MS) {
    const next = Math.min(t + DAY_MS, to);
    const offset = offsetAt(tz, next);
    if (offset === current) continue;
    let lo = t;
    let hi = next;
    // To the millisecond: the span starts exactly at the change.
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (offsetAt(tz, mid) === current) lo = mid;
      else hi = mid;
    }
    spans.push({ from: hi, offsetMs: offset });
    current = offset;
  }
  return spans;
}

/** SQL for the local day number (days since 1970-01-01 local) of a ms column. */
export function localDaySql(column: string, spans: OffsetSpan[]): string {
  const shift =
    spans.length === 1
      ? `${spans[0].offsetMs}`
      : `CASE ${spans
          .slice(1)
          .map((s, i) => `WHEN ${column} < ${s.from} THEN ${spans[i].offsetMs}`)
          .join(' ')} ELSE ${spans[spans.length - 1].offsetMs} END`;
  return shift === '0'
    ? `(${column} / ${DAY_MS})`
    : `((${column} + ${shift}) / ${DAY_MS})`;
}

/** SQL for the bucket number: the local day, or the local Monday-based week. */
export function bucketSql(column: string, w: ResolvedWindow): string {
  const day = localDaySql(column, w.spans);
  // 1970-01-01 was a Thursday: day + 3 puts Monday at a multiple of 7.
  return w.bucket === 'day' ? day : `((${day} + 3) / 7)`;
}

/** Every bucket number that overlaps [from, to), in order. */
export function bucketsOf(w: ResolvedWindow): number[] {
  const first = bucketOf(w.from, w);
  const last = bucketOf(w.to - 1, w);
  const out: number[] = [];
  for (let b = first; b <= last; b++) out.push(b);
  return out;
}

export function bucketOf(ms: number, w: ResolvedWindow): number {
  const local = DateTime.fromMillis(ms, { zone: w.tz });
  const day = Math.floor(
    DateTime.fromObject(
      { year: local.year, month: local.month, day: local.day },
      { zone: 'UTC' },
    ).toMillis() / DAY_MS,
  );
  return w.bucket === 'day' ? day : Math.floor((day + 3) / 7);
}

/** The ISO instant a bucket starts: local midnight of its (first) day. */
export function bucketStart(bucket: number, w: ResolvedWindow): string {
  const day = w.bucket === 'day' ? bucket : bucket * 7 - 3;
  const date = DateTime.fromMillis(day * DAY_MS, { zone: 'UTC' });
  return DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day },
    { zone: w.tz },
  )
    .toUTC()
    .toISO()!;
}
