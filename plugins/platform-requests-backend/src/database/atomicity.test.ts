import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  RequestsBackend,
  startRequestsBackend,
  USERS,
} from '../__testUtils__/testBackend';
import { snapshotTables } from '../__testUtils__/snapshotTables';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const TABLES = [
  'requests',
  'request_entities',
  'votes',
  'watchers',
  'comments',
  'timeline',
];

/** Makes every timeline insert fail, i.e. the last write of every change. */
async function breakTimeline(knex: Knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE FUNCTION refuse_timeline() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'timeline refused'; END $$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE TRIGGER timeline_refused BEFORE INSERT ON timeline
      FOR EACH ROW EXECUTE FUNCTION refuse_timeline()`);
  } else {
    await knex.raw(`
      CREATE TRIGGER timeline_refused BEFORE INSERT ON timeline
      BEGIN SELECT RAISE(ABORT, 'timeline refused'); END`);
  }
}

async function repairTimeline(knex: Knex) {
  await knex.raw(
    knex.client.config.client === 'pg'
      ? 'DROP TRIGGER timeline_refused ON timeline'
      : 'DROP TRIGGER timeline_refused',
  );
}

describe.each(databases.eachSupportedId())(
  'a failing write on %p',
  databaseId => {
    let t: RequestsBackend;
    let knex: Knex;
    beforeAll(async () => {
      knex = await databases.init(databaseId);
      t = await startRequestsBackend(knex);
    });

    it('leaves nothing half-written, whichever change it was', async () => {
      const original = await t.file(USERS.sam, {
        relatedEntities: ['component:default/a'],
      });
      const other = await t.file(USERS.jo);
      const done = await t.file(USERS.sam);
      for (const step of ['triaged', 'planned', 'in_progress', 'done']) {
        await t.move(done.key, step);
      }
      await t.api(USERS.alex).post(`/requests/${other.key}/votes`);
      const eventsBefore = t.events.length;

      await breakTimeline(knex);
      const before = await snapshotTables(knex, TABLES);
      const attempts = [
        () =>
          t.api(USERS.sam).post('/requests', {
            title: 'Never stored',
            category: 'other',
            urgency: 'low',
            impact: { peopleAffected: 1, hoursLostPerWeek: 1 },
            relatedEntities: ['component:default/b'],
          }),
        () =>
          t.api(USERS.sam).patch(
            `/requests/${original.key}`,
            {
              title: 'Never edited',
              relatedEntities: ['component:default/c'],
            },
            { 'If-Match': '"1"' },
          ),
        () =>
          t.api(USERS.priya).post(`/requests/${other.key}/transitions`, {
            to: 'duplicate',
            duplicateOf: original.key,
          }),
        () =>
          t.api(USERS.priya).post(`/requests/${original.key}/transitions`, {
            to: 'triaged',
          }),
        () => t.api(USERS.jo).post(`/requests/${original.key}/votes`),
        () => t.api(USERS.alex).delete(`/requests/${other.key}/votes`),
        () =>
          t
            .api(USERS.jo)
            .post(`/requests/${original.key}/comments`, { body: 'lost' }),
        () =>
          t.api(USERS.sam).post(`/requests/${done.key}/rating`, { score: 3 }),
      ];
      for (const attempt of attempts) {
        const res = await attempt();
        expect(res.status).toBe(500);
      }
      expect(await snapshotTables(knex, TABLES)).toEqual(before);
      // Nothing was announced for changes that did not happen.
      expect(t.events).toHaveLength(eventsBefore);

      await repairTimeline(knex);
      const res = await t.api(USERS.jo).post(`/requests/${original.key}/votes`);
      expect(res.status).toBe(200);
      expect(res.body.votes.count).toBe(1);
    });
  },
);
