import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  computePriority,
  DEFAULT_PRIORITY_WEIGHTS,
  DEFAULT_SLA_TARGETS,
} from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { NewRequest } from './RequestStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const DAY_MS = 86_400_000;
const sam = { userRef: 'user:default/sam', team: 'group:default/checkout' };

function request(overrides: Partial<NewRequest> = {}): NewRequest {
  return {
    title: 'Slow builds',
    description: '',
    category: 'other',
    urgency: 'medium',
    impact: { peopleAffected: 3, hoursLostPerWeek: 10 },
    requestingTeam: 'group:default/checkout',
    relatedEntities: [],
    tags: [],
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseRequestStore on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseRequestStore;
    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseRequestStore.create({
        database: mockServices.database({ knex }),
        settings: {
          priorityWeights: DEFAULT_PRIORITY_WEIGHTS,
          sla: DEFAULT_SLA_TARGETS,
        },
      });
    });

    it('refreshes stored priority scores as requests age, and only those that drifted', async () => {
      const young = await store.createRequest(request(), sam);
      const old = await store.createRequest(request(), sam);
      const closed = await store.createRequest(request(), sam);
      const now = Date.now();
      await knex('requests')
        .where('id', old.id)
        .update({ created_at: new Date(now - 60 * DAY_MS).toISOString() });
      await knex('requests')
        .where('id', closed.id)
        .update({
          created_at: new Date(now - 60 * DAY_MS).toISOString(),
          resolved_at: new Date(now - 50 * DAY_MS).toISOString(),
          status: 'done',
        });

      // Batches of one: every page and its end are exercised.
      const updated = await store.refreshPriorities(new Date(now), 1);
      expect(updated).toBe(2);
      const scores = Object.fromEntries(
        (await knex('requests').select('id', 'priority_score')).map(r => [
          r.id,
          r.priority_score,
        ]),
      );
      const expected = (ageDays: number) =>
        computePriority({
          votes: 0,
          teams: 0,
          hoursLostPerWeek: 10,
          urgency: 'medium',
          ageDays,
        }).score;
      expect(scores[young.id]).toBe(expected(0));
      expect(scores[old.id]).toBe(expected(60));
      // Age stops at resolution.
      expect(scores[closed.id]).toBe(expected(10));
      expect(await store.refreshPriorities(new Date(now))).toBe(0);
    });

    it('loads resources for the permission framework by key', async () => {
      const row = await store.createRequest(request(), sam);
      const key = `REQ-${row.id}`;
      expect(await store.getResources([key, 'REQ-999999', 'nonsense'])).toEqual(
        [{ key, requester: sam.userRef, status: 'new' }, undefined, undefined],
      );
    });

    it('stops an export at its maximum', async () => {
      for (let i = 0; i < 4; i++) await store.createRequest(request(), sam);
      const pages = [];
      for await (const page of store.listAll(
        { sort: 'created' },
        undefined,
        3,
      )) {
        pages.push(page);
      }
      expect(pages.flat()).toHaveLength(3);
    });

    it('suggests similar titles with the best means the database has', async () => {
      const wanted = await store.createRequest(
        request({ title: 'Grafana dashboards load slowly' }),
        sam,
      );
      await store.createRequest(
        request({ title: 'Access to the billing database' }),
        sam,
      );
      const found = await store.similar('slow grafana dashboard', 5);
      expect(found[0].id).toBe(wanted.id);
      expect(store.textSearch.method).toBe(
        knex.client.config.client === 'pg' ? 'pg_trgm' : 'words',
      );
    });

    if (databaseId.startsWith('POSTGRES')) {
      it('falls back to full-text ranking without pg_trgm', async () => {
        const other = await databases.init(databaseId);
        const settings = {
          priorityWeights: DEFAULT_PRIORITY_WEIGHTS,
          sla: DEFAULT_SLA_TARGETS,
        };
        // Migrated with the extension, which is then taken away.
        await DatabaseRequestStore.create({
          database: mockServices.database({ knex: other }),
          settings,
        });
        // The trigram indexes go first: dropping the extension under its
        // GiST index fails on PostgreSQL 15 ("cache lookup failed").
        await other.raw('DROP INDEX requests_title_trgm_gist_idx');
        await other.raw('DROP INDEX requests_title_trgm_idx');
        await other.raw('DROP EXTENSION pg_trgm CASCADE');
        const plain = await DatabaseRequestStore.create({
          database: mockServices.database({ knex: other }),
          settings,
        });
        expect(plain.textSearch.method).toBe('tsvector');
        const wanted = await plain.createRequest(
          request({ title: 'Grafana dashboards load slowly' }),
          sam,
        );
        await plain.createRequest(
          request({ title: 'Access to the billing database' }),
          sam,
        );
        const found = await plain.similar('slow grafana dashboards', 5);
        expect(found.map(r => r.id)).toEqual([wanted.id]);
      });
    }
  },
);
