import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  CreateImprovement,
  DEFAULT_PRIORITY_WEIGHTS,
  DEFAULT_SLA_TARGETS,
} from '@internal/plugin-platform-requests-common';
import { DatabaseImprovementStore } from './DatabaseImprovementStore';
import { DatabaseRequestStore } from './DatabaseRequestStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const settings = {
  priorityWeights: DEFAULT_PRIORITY_WEIGHTS,
  sla: DEFAULT_SLA_TARGETS,
};
const PRIYA = 'user:default/priya';
const sam = { userRef: 'user:default/sam', team: 'group:default/checkout' };

function improvement(
  overrides: Partial<CreateImprovement> = {},
): CreateImprovement {
  return {
    title: 'Faster CI runners',
    problem: '',
    requests: [],
    scope: { teams: [], entities: [] },
    targetKpis: ['leadTime'],
    plannedFor: null,
    owner: null,
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseImprovementStore on %p',
  databaseId => {
    let requests: DatabaseRequestStore;
    let store: DatabaseImprovementStore;
    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      requests = await DatabaseRequestStore.create({
        database: mockServices.database({ knex }),
        settings,
      });
      store = new DatabaseImprovementStore(knex, settings);
    });

    async function inProgress(overrides: Partial<CreateImprovement> = {}) {
      const created = await store.create(
        improvement(overrides),
        PRIYA,
        new Date(),
      );
      await store.transition(created.id, { to: 'planned' }, PRIYA, new Date());
      return store.transition(
        created.id,
        { to: 'in_progress' },
        PRIYA,
        new Date(),
      );
    }

    async function file(team = 'group:default/checkout') {
      const row = await requests.createRequest(
        {
          title: 'Slow builds',
          description: '',
          category: 'other',
          urgency: 'medium',
          impact: { peopleAffected: 3, hoursLostPerWeek: 10 },
          requestingTeam: team,
          relatedEntities: [],
          tags: [],
        },
        sam,
      );
      return row.key;
    }

    it('ships once when two ship at the same moment, resolving each request once', async () => {
      const key = await file();
      const imp = await inProgress({ requests: [key] });
      const at = new Date('2026-06-01T12:00:00.000Z');
      const outcomes = await Promise.allSettled([
        store.ship(imp.id, { comment: 'one' }, PRIYA, at),
        store.ship(imp.id, { comment: 'two' }, PRIYA, at),
      ]);
      const shipped = outcomes.filter(o => o.status === 'fulfilled');
      const refused = outcomes.filter(o => o.status === 'rejected');
      expect(shipped).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(
        /already shipped|changed meanwhile/,
      );
      expect(await requests.comments(key)).toHaveLength(1);
      expect((await requests.get(key))!.status).toBe('done');
      expect((await store.get(imp.id))!.shippedAt).toBe(at.toISOString());
    });

    it('finds the improvements for a team: scoped to it, or answering its requests', async () => {
      const payments = await file('group:default/payments');
      const asked = await store.create(
        improvement({ requests: [payments] }),
        PRIYA,
        new Date(),
      );
      const scoped = await store.create(
        improvement({
          scope: { teams: ['group:default/payments'], entities: [] },
        }),
        PRIYA,
        new Date(),
      );
      const other = await store.create(improvement(), PRIYA, new Date());
      const ids = (await store.list({ team: 'group:default/payments' })).map(
        i => i.id,
      );
      expect(ids).toEqual([scoped.id, asked.id]);
      expect(ids).not.toContain(other.id);
      expect(await store.addressing(payments)).toEqual([
        { id: asked.id, title: 'Faster CI runners', status: 'proposed' },
      ]);
    });

    it('links a request once however often it is named, and unlinks it on edit', async () => {
      const key = await file();
      const imp = await store.create(
        improvement({ requests: [key, key] }),
        PRIYA,
        new Date(),
      );
      expect(imp.requests.map(r => r.key)).toEqual([key]);
      const edited = await store.edit(
        imp.id,
        { fields: { requests: [] }, expectedVersion: 1 },
        PRIYA,
        new Date(),
      );
      expect(edited.requests).toEqual([]);
      expect(edited.rollup).toEqual({
        votes: 0,
        teams: [],
        hoursLostPerWeek: 0,
      });
      expect(await store.addressing(key)).toEqual([]);
    });
  },
);
