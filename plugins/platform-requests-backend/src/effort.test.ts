/*
 * GET /effort through the whole plugin: who may read it, what it refuses,
 * and that it answers with the store's figures (worked in detail in
 * database/effortQueries.test.ts).
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  RequestsBackend,
  startRequestsBackend,
  TEAMS,
  USERS,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('GET /effort on %p', databaseId => {
  let t: RequestsBackend;
  beforeAll(async () => {
    t = await startRequestsBackend(await databases.init(databaseId));
  });

  it.each([
    ['?days=31', 'days: must be one of 30, 90, 180, 365'],
    ['?days=ninety', 'days: must be one of 30, 90, 180, 365'],
    ['?window=90', 'window: unknown parameter'],
  ])('answers 400 naming the parameter for %s', async (qs, message) => {
    const res = await t.api(USERS.sam).get(`/effort${qs}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('needs a signed-in caller', async () => {
    expect((await t.api('anonymous').get('/effort')).status).toBe(401);
  });

  it('adds up open demand and the share shipped improvements answered', async () => {
    const builds = await t.file(USERS.sam, {
      title: 'Slow CI builds',
      category: 'pain-point',
      impact: { peopleAffected: 30, hoursLostPerWeek: 20 },
    });
    const access = await t.file(USERS.jo, {
      title: 'Cannot get database access',
      impact: { peopleAffected: 3, hoursLostPerWeek: 5.5 },
    });
    await t.api(USERS.alex).post(`/requests/${builds.key}/votes`);
    await t.api(USERS.jo).post(`/requests/${builds.key}/votes`);
    const created = await t.api(USERS.priya).post('/improvements', {
      title: 'Faster CI runners',
      requests: [builds.key],
    });
    for (const to of ['planned', 'in_progress']) {
      await t
        .api(USERS.priya)
        .post(`/improvements/${created.body.id}/transitions`, { to });
    }
    const shipped = await t
      .api(USERS.priya)
      .post(`/improvements/${created.body.id}/ship`, {});
    expect(shipped.status).toBe(200);

    // A reader who is not on the platform team sees the same figures, and
    // so does a service.
    for (const caller of [USERS.sam, 'service']) {
      const res = await t.api(caller).get('/effort?days=30');
      expect(res.status).toBe(200);
      expect(res.body.days).toBe(30);
      // Shipping resolved the builds request: only access is open.
      expect(res.body.total).toEqual({
        openRequests: 1,
        votes: 0,
        hoursLostPerWeek: 5.5,
      });
      expect(res.body.byTeam).toEqual([
        {
          team: TEAMS.payments,
          openRequests: 1,
          votes: 0,
          hoursLostPerWeek: 5.5,
        },
      ]);
      expect(res.body.topPains.map((p: { key: string }) => p.key)).toEqual([
        access.key,
      ]);
      // 20 of 25.5 hours and both votes are on the shipped improvement's request.
      expect(res.body.shareAnswered).toEqual({
        hoursLostPerWeek: 25.5,
        answeredHoursLostPerWeek: 20,
        votes: 2,
        answeredVotes: 2,
      });
    }
  });
});
