import { parseEvent } from '@internal/plugin-platform-kpis-common';
import { kpiBenchData, KpiBenchOptions } from './benchHistory';

const DAY = 24 * 3_600_000;
const OPTIONS: KpiBenchOptions = {
  deployments: 1_000,
  incidents: 100,
  services: 50,
  teams: 6,
  now: Date.UTC(2026, 4, 20, 8, 30),
};

describe('kpiBenchData', () => {
  const data = kpiBenchData(OPTIONS);
  const batches = data.batches(100);
  const events = batches.flatMap(data.eventsOf);

  it('makes every event from its index alone, the same each time', () => {
    const again = kpiBenchData(OPTIONS);
    expect(again.deployment(1234)).toEqual(data.deployment(1234));
    expect(again.incident(77)).toEqual(data.incident(77));
    expect(data.deployment(1234)).not.toEqual(data.deployment(1235));
    // Built in another order, the batches hold the same events.
    const reversed = [...batches].reverse().flatMap(again.eventsOf);
    const byId = (list: typeof events) => new Map(list.map(e => [e.id, e]));
    expect(byId(reversed)).toEqual(byId(events));
  });

  it('sends each event once, every one accepted by the ingest endpoint', () => {
    const ids = events.map(e => e.id);
    expect(ids.length).toBe(OPTIONS.deployments + OPTIONS.incidents);
    expect(new Set(ids).size).toBe(ids.length);
    const rejected = events
      .map((event, index) => parseEvent(event, index))
      .filter(parsed => !parsed.ok);
    expect(rejected).toEqual([]);
  });

  it('sends an incident batch only after the deployments its incidents name', () => {
    const sent = new Set<string>();
    const unsent: string[] = [];
    for (const batch of batches) {
      for (const event of data.eventsOf(batch)) {
        if (event.type === 'incident' && event.deploymentId) {
          if (!sent.has(event.deploymentId)) unsent.push(event.id);
        }
        sent.add(event.id);
      }
    }
    expect(unsent).toEqual([]);
  });

  it('spans two years ending a day before now, the first deployments naming every service', () => {
    const times = events.map(e =>
      Date.parse(
        (e.type === 'deployment' ? e.finishedAt : e.openedAt) as string,
      ),
    );
    expect(Math.max(...times)).toBeLessThanOrEqual(OPTIONS.now);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(
      OPTIONS.now - 731 * DAY - DAY,
    );
    const first = Array.from({ length: OPTIONS.services }, (_, i) =>
      data.deployment(i),
    );
    expect(new Set(first.map(d => d.entityRef)).size).toBe(OPTIONS.services);
  });

  it('describes the services and teams the events name, in the catalog', () => {
    const entities = data.catalogEntities();
    const names = (kind: string) =>
      new Set(entities.filter(e => e.kind === kind).map(e => e.metadata.name));
    expect(names('Group').size).toBe(OPTIONS.teams);
    expect(names('Component').size).toBe(OPTIONS.services);
    const named = new Set(
      events.map(e => (e.entityRef as string).split('/').pop()),
    );
    expect([...named].every(n => names('Component').has(n!))).toBe(true);
  });
});
