import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { KpiEvent } from '@internal/plugin-platform-kpis-common';
import { Knex } from 'knex';
import { DatabaseEventStore } from './DatabaseEventStore';
import { ingestLockKeys, MAX_KEYS } from './ingestLocks';

jest.setTimeout(60_000);

const CART = 'component:default/cart';
const SHOP = 'component:default/shop';
const T = Date.UTC(2026, 4, 25, 12);

const deployment = (
  id: string,
  entityRef: string,
  sha = 'abc1234',
): KpiEvent => ({
  id,
  type: 'deployment',
  entityRef,
  environment: 'production',
  status: 'success',
  startedAt: T - 60_000,
  finishedAt: T,
  commitShas: [sha],
});
const change = (id: string, entityRef: string, sha = 'abc1234'): KpiEvent => ({
  id,
  type: 'change',
  entityRef,
  kind: 'commit',
  sha,
  committedAt: T - 2 * 3600_000,
});
const incident = (
  id: string,
  entityRef: string,
  deploymentId?: string,
): KpiEvent => ({
  id,
  type: 'incident',
  entityRef,
  severity: 'sev2',
  openedAt: T + 60_000,
  ...(deploymentId ? { deploymentId } : {}),
});
const stamped = (...events: KpiEvent[]) =>
  events.map(event => ({ event, team: null }));

describe('ingestLockKeys', () => {
  it('names the components and the deployments a batch touches', () => {
    expect(
      ingestLockKeys([
        deployment('d1', CART),
        change('c1', CART),
        incident('i1', SHOP, 'd0'),
        incident('i2', SHOP),
      ]).sort(),
    ).toEqual([
      `deployment:d0`,
      `deployment:d1`,
      `entity:${CART}`,
      `entity:${SHOP}`,
    ]);
  });
});

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

describe.each(databases.eachSupportedId())('ingestion locks on %p', id => {
  let knex: Knex;
  let store: DatabaseEventStore;

  beforeEach(async () => {
    knex = await databases.init(id);
    store = await DatabaseEventStore.create({
      database: mockServices.database({ knex }),
      productionEnvironments: ['production'],
    });
  });

  /** Resolves once some transaction waits for an advisory lock. */
  async function someoneWaitsForALock() {
    for (;;) {
      const { rows } = await knex.raw(
        `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND NOT granted`,
      );
      if (rows[0].n > 0) return;
      await new Promise(resolve => setImmediate(resolve));
    }
  }

  /** Runs `fn` inside a transaction that stores `held` and stays open. */
  async function whileHolding(
    held: KpiEvent[],
    fn: () => Promise<void>,
  ): Promise<void> {
    const tx = await knex.transaction();
    try {
      await store.store(stamped(...held), tx);
      await fn();
    } finally {
      await tx.commit();
    }
  }

  it('lets batches of other components through while one is open', async () => {
    await whileHolding([deployment('cart-1', CART)], async () => {
      const outcome = await store.store(stamped(deployment('shop-1', SHOP)));
      expect(outcome.get('deployment:shop-1')).toBe('accepted');
    });
  });

  it('makes a batch of the same component wait, then settles its lead time', async () => {
    let changeStored: Promise<unknown> | undefined;
    await whileHolding([deployment('cart-1', CART, 'feed123')], async () => {
      changeStored = store.store(stamped(change('cart-c1', CART, 'feed123')));
      await someoneWaitsForALock();
    });
    await changeStored;
    const row = await knex('kpi_deployments').where({ id: 'cart-1' }).first();
    expect(Number(row.lead_time_ms)).toBe(2 * 3600_000);
  });

  it('makes an incident of another component wait for the deployment it names', async () => {
    let incidentStored: Promise<unknown> | undefined;
    await whileHolding([deployment('cart-2', CART)], async () => {
      incidentStored = store.store(
        stamped(incident('shop-i1', SHOP, 'cart-2')),
      );
      await someoneWaitsForALock();
    });
    await incidentStored;
    const row = await knex('kpi_deployments').where({ id: 'cart-2' }).first();
    expect(Number(row.change_failed)).toBe(1);
  });

  it('makes a batch with more than MAX_KEYS keys wait for every other', async () => {
    const many = Array.from({ length: MAX_KEYS + 1 }, (_, i) =>
      deployment(`bulk-${i}`, `component:default/svc-${i}`),
    );
    let bulkStored: Promise<Map<string, string>> | undefined;
    await whileHolding([deployment('shop-2', SHOP)], async () => {
      bulkStored = store.store(stamped(...many));
      await someoneWaitsForALock();
    });
    const outcome = await bulkStored!;
    expect([...outcome.values()].every(o => o === 'accepted')).toBe(true);
    expect(outcome.size).toBe(MAX_KEYS + 1);
  });
});
