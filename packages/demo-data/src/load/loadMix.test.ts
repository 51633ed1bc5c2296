import { createLoadMix, DEFAULT_MIX, LoadCall, LoadKind } from './loadMix';

const SERVICES = ['component:default/a', 'component:default/b'];
const NOW = Date.UTC(2026, 0, 15, 12);

/** `count` calls, every write answered with success as the backend would. */
function run(count: number, options: { seed?: number; mix?: any } = {}) {
  const mix = createLoadMix({
    runId: 'run1',
    services: SERVICES,
    now: () => NOW,
    ...options,
  });
  const calls: LoadCall[] = [];
  let key = 0;
  for (let i = 0; i < count; i++) {
    const call = mix.next();
    calls.push(call);
    if (call.kind === 'request-create')
      call.onSuccess?.({ key: `PR-${++key}` });
    else if (call.kind === 'kpi-ingest') {
      const [event] = (call.body as any).events;
      call.onSuccess?.({ results: [{ id: event.id, status: 'accepted' }] });
    } else call.onSuccess?.({});
  }
  return { calls, accepted: mix.accepted };
}

const withoutCallbacks = (calls: LoadCall[]) =>
  calls.map(({ onSuccess: _, ...call }) => call);

describe('createLoadMix', () => {
  it('sends the same calls for the same seed, others for another', () => {
    const first = withoutCallbacks(run(500, { seed: 3 }).calls);
    expect(withoutCallbacks(run(500, { seed: 3 }).calls)).toEqual(first);
    expect(withoutCallbacks(run(500, { seed: 4 }).calls)).not.toEqual(first);
  });

  it('keeps to the shares of the mix', () => {
    const { calls } = run(20_000);
    const share = (kinds: LoadKind[]) =>
      (100 * calls.filter(c => kinds.includes(c.kind)).length) / calls.length;
    const reads: LoadKind[] = [
      'catalog-list',
      'catalog-entity',
      'requests-list',
      'request-get',
      'kpi-dora',
      'kpi-events-read',
    ];
    expect(share(reads)).toBeGreaterThan(63);
    expect(share(reads)).toBeLessThan(67);
    expect(share(['kpi-ingest'])).toBeGreaterThan(
      DEFAULT_MIX['kpi-ingest'] - 2,
    );
    expect(share(['kpi-ingest'])).toBeLessThan(DEFAULT_MIX['kpi-ingest'] + 2);
  });

  it('never sends a kind whose share is 0', () => {
    const { calls } = run(2_000, {
      mix: { ...DEFAULT_MIX, 'kpi-ingest': 0, 'catalog-list': 0 },
    });
    const kinds = new Set(calls.map(c => c.kind));
    expect(kinds.has('kpi-ingest')).toBe(false);
    expect(kinds.has('catalog-list')).toBe(false);
  });

  it('reads and votes only on requests the run created, each voted on once', () => {
    const { calls, accepted } = run(3_000);
    const firstCreate = calls.findIndex(c => c.kind === 'request-create');
    expect(
      calls.slice(0, firstCreate).some(c => c.kind === 'request-get'),
    ).toBe(false);
    const created = new Set(accepted.requests);
    for (const call of calls.filter(c => c.kind === 'request-get')) {
      expect(created.has(call.path.split('/').pop()!)).toBe(true);
    }
    expect(new Set(accepted.votes).size).toBe(accepted.votes.length);
    expect(accepted.votes.every(key => created.has(key))).toBe(true);
  });

  it('ingests deployments with unique ids of the run, under the ingest token', () => {
    const { calls, accepted } = run(2_000);
    const ingests = calls.filter(c => c.kind === 'kpi-ingest');
    expect(ingests.every(c => c.as === 'ingest')).toBe(true);
    expect(calls.filter(c => c.as === 'ingest')).toEqual(ingests);
    const events = ingests.map(c => (c.body as any).events[0]);
    expect(new Set(events.map(e => e.id)).size).toBe(events.length);
    expect(accepted.events).toEqual(events.map(e => e.id));
    for (const event of events) {
      expect(event.id).toMatch(/^run1-dep-\d+$/);
      expect(SERVICES).toContain(event.entityRef);
      expect(Date.parse(event.finishedAt)).toBe(NOW - 60_000);
    }
  });
});
