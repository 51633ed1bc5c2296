import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  DEFAULT_PRIORITY_WEIGHTS,
  DEFAULT_SLA_TARGETS,
} from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { migrationsDir } from './migrations';
import { SlaAlertStore } from './SlaAlertStore';
import { DigestStore } from './DigestStore';
import { DatabaseImprovementStore } from './DatabaseImprovementStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const TABLES = [
  'requests',
  'request_entities',
  'votes',
  'watchers',
  'comments',
  'timeline',
  'sla_alerts',
  'weekly_digests',
  'improvements',
  'improvement_requests',
  'improvement_scope',
];

async function fill(knex: Knex) {
  const store = await DatabaseRequestStore.create({
    database: mockServices.database({ knex, migrations: { skip: true } }),
    settings: {
      priorityWeights: DEFAULT_PRIORITY_WEIGHTS,
      sla: DEFAULT_SLA_TARGETS,
    },
  });
  const actor = { userRef: 'user:default/sam', team: 'group:default/a' };
  const row = await store.createRequest(
    {
      title: 'Migrate me 🚚',
      description: 'with data in every table',
      category: 'other',
      urgency: 'low',
      impact: { peopleAffected: 1, hoursLostPerWeek: 1 },
      requestingTeam: 'group:default/a',
      relatedEntities: ['component:default/x'],
      tags: ['migration'],
    },
    actor,
  );
  const key = `REQ-${row.id}`;
  await store.vote(key, {
    userRef: 'user:default/jo',
    team: 'group:default/b',
  });
  await store.comment(key, 'a comment', actor);
  await new SlaAlertStore(knex).claim(
    { requestId: row.id, clock: 'triage', threshold: 80 },
    new Date(),
  );
  await new DigestStore(knex).claimWeek('2026-11-30', new Date());
  await new DatabaseImprovementStore(knex, {
    priorityWeights: DEFAULT_PRIORITY_WEIGHTS,
    sla: DEFAULT_SLA_TARGETS,
  }).create(
    {
      title: 'Improve me',
      problem: '',
      requests: [key],
      scope: { teams: ['group:default/a'], entities: [] },
      targetKpis: ['leadTime'],
      plannedFor: null,
      owner: null,
    },
    'user:default/priya',
    new Date(),
  );
}

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('go up, down with data in every table, and up again', async () => {
    const knex = await databases.init(databaseId);
    const migrate = { directory: migrationsDir };

    await knex.migrate.latest(migrate);
    await fill(knex);
    for (const table of TABLES) {
      expect((await knex(table).count({ n: '*' }))[0].n).not.toBe(0);
    }

    await knex.migrate.rollback(migrate, true);
    for (const table of TABLES) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }

    await knex.migrate.latest(migrate);
    expect(await knex('requests')).toEqual([]);
    await fill(knex);
    const [request] = await knex('requests').select('title', 'tags');
    expect(request).toEqual({ title: 'Migrate me 🚚', tags: '["migration"]' });
  });

  if (databaseId.startsWith('POSTGRES')) {
    it('give PostgreSQL a full-text column and a trigram index', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      await fill(knex);
      // Generated from title and description.
      const { rows } = await knex.raw(
        "SELECT count(*)::int AS n FROM requests WHERE search_vector @@ websearch_to_tsquery('english', 'migrate data')",
      );
      expect(rows[0].n).toBe(1);
      const index = await knex.raw(
        "SELECT 1 FROM pg_indexes WHERE indexname = 'requests_title_trgm_idx'",
      );
      expect(index.rows).toHaveLength(1);
    });
  }
});
