import {
  bucketOf,
  bucketStart,
  localDaySql,
  offsetSpans,
  resolveWindow,
} from './window';

const HOUR = 3_600_000;

describe('offset spans', () => {
  it('is one span in UTC', () => {
    expect(
      offsetSpans('UTC', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)),
    ).toEqual([{ from: Number.NEGATIVE_INFINITY, offsetMs: 0 }]);
  });

  it('finds both daylight-saving changes of a year in Berlin to the minute', () => {
    const spans = offsetSpans(
      'Europe/Berlin',
      Date.UTC(2026, 0, 1),
      Date.UTC(2027, 0, 1),
    );
    expect(spans).toEqual([
      { from: Number.NEGATIVE_INFINITY, offsetMs: HOUR },
      { from: Date.UTC(2026, 2, 29, 1), offsetMs: 2 * HOUR },
      { from: Date.UTC(2026, 9, 25, 1), offsetMs: HOUR },
    ]);
  });

  it('becomes a CASE over the spans, and plain division in UTC', () => {
    expect(localDaySql('t', offsetSpans('UTC', 0, 1))).toBe('(t / 86400000)');
    const berlin = offsetSpans(
      'Europe/Berlin',
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 5, 1),
    );
    expect(localDaySql('t', berlin)).toBe(
      `((t + CASE WHEN t < ${Date.UTC(
        2026,
        2,
        29,
        1,
      )} THEN 3600000 ELSE 7200000 END) / 86400000)`,
    );
  });
});

describe('windows and buckets', () => {
  const until = Date.UTC(2026, 5, 8);

  it('reaches back whole 24-hour days from until, with the window before it', () => {
    const w = resolveWindow({ window: '30d', until, tz: 'UTC' });
    expect(w.from).toBe(until - 30 * 24 * HOUR);
    expect(w.previous).toEqual({ from: until - 60 * 24 * HOUR, to: w.from });
    expect(w.bucket).toBe('day');
    expect(resolveWindow({ window: '90d', until, tz: 'UTC' }).bucket).toBe(
      'week',
    );
  });

  it('starts weeks on Monday, local midnight', () => {
    const w = resolveWindow({ window: '90d', until, tz: 'America/New_York' });
    // Sunday 7 June 2026, 23:00 in New York, is in the week of Monday 1 June.
    const b = bucketOf(Date.UTC(2026, 5, 8, 3), w);
    expect(bucketStart(b, w)).toBe('2026-06-01T04:00:00.000Z');
  });

  it('gives a local day its own midnight across a daylight-saving change', () => {
    const w = resolveWindow({
      window: '7d',
      until: Date.UTC(2026, 2, 31),
      tz: 'Europe/Berlin',
    });
    expect(bucketStart(bucketOf(Date.UTC(2026, 2, 29, 21, 30), w), w)).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(bucketStart(bucketOf(Date.UTC(2026, 2, 29, 22, 30), w), w)).toBe(
      '2026-03-29T22:00:00.000Z',
    );
  });
});
