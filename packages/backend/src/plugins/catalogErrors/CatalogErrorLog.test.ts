import { CatalogErrorLog } from './CatalogErrorLog';

describe('CatalogErrorLog', () => {
  let now = new Date('2026-01-01T10:00:00Z');
  const clock = () => now;

  it('keeps the latest error per entity and location, newest first', () => {
    const log = new CatalogErrorLog(
      { maxEntries: 10, staleAfterMs: 60_000 },
      clock,
    );
    log.record('location:default/a', 'file:/a.yaml', ['bad 1']);
    now = new Date('2026-01-01T10:00:10Z');
    log.record('location:default/b', 'file:/b.yaml', ['bad 2']);
    now = new Date('2026-01-01T10:00:20Z');
    log.record('location:default/a', 'file:/a.yaml', ['bad 3']);
    const items = log.list();
    expect(items.map(i => i.message)).toEqual(['bad 3', 'bad 2']);
    expect(items[0].firstSeen).toBe('2026-01-01T10:00:00.000Z');
    expect(items[0].lastSeen).toBe('2026-01-01T10:00:20.000Z');
  });

  it('drops entries not seen again within the stale window', () => {
    const log = new CatalogErrorLog(
      { maxEntries: 10, staleAfterMs: 60_000 },
      clock,
    );
    log.record('location:default/a', undefined, ['bad']);
    now = new Date(now.getTime() + 61_000);
    expect(log.list()).toEqual([]);
  });

  it('bounds the number of entries', () => {
    const log = new CatalogErrorLog(
      { maxEntries: 2, staleAfterMs: 60_000 },
      clock,
    );
    log.record('a', undefined, ['1']);
    log.record('b', undefined, ['2']);
    log.record('c', undefined, ['3']);
    expect(log.list().map(i => i.entity)).toEqual(['c', 'b']);
  });
});
