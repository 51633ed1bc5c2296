/*
 * The demo seeder posts a year of requests through these routes as the demo
 * people, saying when each write happened with the x-lodestar-demo-at header
 * (createRequestClock, only with lodestar.demo.backdating). The request's
 * times, SLA clocks, timeline, comments and rating follow the header.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  startRequestsBackend,
  TEAMS,
  USERS,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const at = (iso: string) => ({ 'x-lodestar-demo-at': iso });

describe.each(databases.eachSupportedId())('backdated writes on %p', id => {
  it('take their time from the header when the demo allows it', async () => {
    const t = await startRequestsBackend(await databases.init(id), {
      config: {
        lodestar: { platformTeam: TEAMS.platform, demo: { backdating: true } },
      },
    });
    const filedAt = '2026-01-05T09:00:00.000Z';
    const triagedAt = '2026-01-05T11:00:00.000Z';
    const votedAt = '2026-01-06T08:00:00.000Z';
    const commentedAt = '2026-01-07T08:00:00.000Z';
    const doneAt = '2026-03-30T16:00:00.000Z';
    const ratedAt = '2026-04-01T10:00:00.000Z';
    const sam = t.api(USERS.sam);
    const priya = t.api(USERS.priya);

    const filed = await sam.post(
      '/requests',
      {
        title: 'Slow CI runners',
        description: 'Builds queue for twenty minutes.',
        category: 'pain-point',
        urgency: 'medium',
        impact: { peopleAffected: 8, hoursLostPerWeek: 5 },
      },
      at(filedAt),
    );
    expect(filed.status).toBe(201);
    expect(filed.body.createdAt).toBe(filedAt);
    const key = filed.body.key;
    const move = (to: string, when: string) =>
      priya.post(`/requests/${key}/transitions`, { to }, at(when));
    expect((await move('triaged', triagedAt)).status).toBe(200);
    expect(
      (await t.api(USERS.jo).post(`/requests/${key}/votes`, {}, at(votedAt)))
        .status,
    ).toBe(200);
    const comment = await priya.post(
      `/requests/${key}/comments`,
      { body: 'Looking into bigger runners.' },
      at(commentedAt),
    );
    expect(comment.body.createdAt).toBe(commentedAt);
    await move('planned', commentedAt);
    await move('in_progress', commentedAt);
    const done = await move('done', doneAt);
    expect(done.body.sla.triage).toMatchObject({
      metAt: triagedAt,
      breached: false,
    });
    expect(done.body.sla.resolve).toMatchObject({ metAt: doneAt });
    const rated = await sam.post(
      `/requests/${key}/rating`,
      { score: 4 },
      at(ratedAt),
    );
    expect(rated.status).toBe(200);

    const timeline = (await sam.get(`/requests/${key}/timeline`)).body.items;
    expect(
      timeline.map((e: { type: string; at: string }) => [e.type, e.at]),
    ).toEqual(
      expect.arrayContaining([
        ['created', filedAt],
        ['voted', votedAt],
        ['commented', commentedAt],
        ['status-changed', doneAt],
        ['rated', ratedAt],
      ]),
    );
    await t.backend.stop();
  });

  it('ignore the header outside the demo', async () => {
    const t = await startRequestsBackend(await databases.init(id), {
      config: { lodestar: { platformTeam: TEAMS.platform } },
    });
    const before = Date.now();
    const filed = await t.api(USERS.sam).post(
      '/requests',
      {
        title: 'Slow CI runners',
        description: 'Builds queue.',
        category: 'pain-point',
        urgency: 'medium',
        impact: { peopleAffected: 8, hoursLostPerWeek: 5 },
      },
      at('2026-01-05T09:00:00.000Z'),
    );
    expect(filed.status).toBe(201);
    expect(Date.parse(filed.body.createdAt)).toBeGreaterThanOrEqual(
      before - 1000,
    );
    await t.backend.stop();
  });
});
