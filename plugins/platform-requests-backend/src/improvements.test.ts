import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  RequestsBackend,
  startRequestsBackend,
  TEAMS,
  USERS,
} from './__testUtils__/testBackend';
import { snapshotTables } from './__testUtils__/snapshotTables';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const TABLES = [
  'improvements',
  'improvement_requests',
  'improvement_scope',
  'requests',
  'votes',
  'watchers',
  'comments',
  'timeline',
];

describe.each(databases.eachSupportedId())(
  'improvements API on %p',
  databaseId => {
    let t: RequestsBackend;
    let knex: Knex;
    beforeAll(async () => {
      knex = await databases.init(databaseId);
      t = await startRequestsBackend(knex);
    });

    const priya = () => t.api(USERS.priya);

    /** Two requests from two teams, with votes and hours lost. */
    async function demand() {
      const builds = await t.file(USERS.sam, {
        title: 'Slow CI builds',
        impact: { peopleAffected: 30, hoursLostPerWeek: 20 },
      });
      const runners = await t.file(USERS.jo, {
        title: 'CI runners queue for minutes',
        impact: { peopleAffected: 10, hoursLostPerWeek: 5.5 },
      });
      await t.api(USERS.alex).post(`/requests/${builds.key}/votes`);
      await t.api(USERS.jo).post(`/requests/${builds.key}/votes`);
      await t.api(USERS.sam).post(`/requests/${runners.key}/votes`);
      return { builds, runners };
    }

    async function create(body: Record<string, unknown>) {
      const res = await priya().post('/improvements', {
        title: 'Faster CI runners',
        problem: 'Builds **wait** for runners.',
        targetKpis: ['leadTime'],
        ...body,
      });
      if (res.status !== 201) {
        throw new Error(`create failed: ${res.status} ${res.text}`);
      }
      return res.body;
    }

    async function moveTo(id: string, ...steps: string[]) {
      for (const to of steps) {
        const res = await priya().post(`/improvements/${id}/transitions`, {
          to,
        });
        if (res.status !== 200) throw new Error(`${to}: ${res.text}`);
      }
    }

    it('lets the platform team create one, rolling up votes, teams and hours lost of its requests', async () => {
      const { builds, runners } = await demand();
      const res = await priya().post('/improvements', {
        title: 'Faster CI runners',
        problem: 'Builds **wait** for runners.',
        requests: [builds.key, runners.key],
        scope: {
          teams: [TEAMS.checkout],
          entities: ['component:default/checkout-api'],
        },
        targetKpis: ['leadTime', 'survey:pulse-q1:ci-speed'],
        plannedFor: '2027-03-31',
        owner: USERS.omar,
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('etag')).toBe('"1"');
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^IMP-\d+$/),
        title: 'Faster CI runners',
        status: 'proposed',
        scope: {
          teams: [TEAMS.checkout],
          entities: ['component:default/checkout-api'],
        },
        targetKpis: ['leadTime', 'survey:pulse-q1:ci-speed'],
        plannedFor: '2027-03-31',
        shippedAt: null,
        owner: USERS.omar,
        createdBy: USERS.priya,
        dropReason: null,
        version: 1,
        rollup: {
          votes: 3,
          teams: [TEAMS.checkout, TEAMS.payments],
          hoursLostPerWeek: 25.5,
        },
      });
      expect(res.body.requests.map((r: any) => [r.key, r.votes])).toEqual([
        [builds.key, 2],
        [runners.key, 1],
      ]);

      const read = await t.api(USERS.sam).get(`/improvements/${res.body.id}`);
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"1"');
      expect(read.body).toEqual(res.body);
    });

    it('refuses everyone but the platform team, saying why, and stores nothing', async () => {
      const before = await snapshotTables(knex, TABLES);
      const sam = await t.api(USERS.sam).post('/improvements', {
        title: 'Mine now',
      });
      expect(sam.status).toBe(403);
      expect(sam.body.error.message).toBe(
        'only the platform team may create improvements',
      );
      const service = await t.api('service').post('/improvements', {
        title: 'By a robot',
      });
      expect(service.status).toBe(403);
      expect((await t.api('anonymous').get('/improvements')).status).toBe(401);
      expect(await snapshotTables(knex, TABLES)).toEqual(before);
      expect(
        t.audits.some(
          a =>
            a.options.eventId === 'permission-denied' &&
            a.options.meta.action === 'POST /improvements' &&
            a.options.meta.permission ===
              'platform-requests.improvement.create',
        ),
      ).toBe(true);
    });

    it.each([
      [{ title: 'ab' }, 'title: must be at least 3 characters'],
      [
        { requests: ['REQ-999999'] },
        'requests.0: there is no request REQ-999999',
      ],
      [{ requests: ['42'] }, 'requests.0: must be a request key like REQ-42'],
      [{ targetKpis: ['happiness'] }, 'targetKpis.0: happiness is not a KPI'],
      [
        { scope: { teams: ['group:default/no-such-team'] } },
        'scope.teams.0: group:default/no-such-team is not a Group in the catalog',
      ],
      [
        { scope: { teams: [USERS.sam] } },
        'scope.teams.0: must be a group reference',
      ],
      [
        { owner: USERS.sam },
        `owner: ${USERS.sam} is not a member of ${TEAMS.platform}`,
      ],
      [{ plannedFor: '2027-02-30' }, 'plannedFor: must be a day that exists'],
      [{ status: 'shipped' }, 'status: unknown field'],
    ])('answers 400 naming the field for %j', async (body, message) => {
      const before = await snapshotTables(knex, TABLES);
      const res = await priya().post('/improvements', {
        title: 'Faster CI runners',
        ...body,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(await snapshotTables(knex, TABLES)).toEqual(before);
    });

    it('lists them with their roll-ups, by status, team and request', async () => {
      const { builds, runners } = await demand();
      const forCheckout = await create({ requests: [builds.key] });
      const forPayments = await create({
        requests: [runners.key],
        scope: { teams: [TEAMS.payments] },
      });
      const scopedOnly = await create({ scope: { teams: [TEAMS.checkout] } });
      await moveTo(forPayments.id, 'planned');

      const ids = (res: any) => res.body.items.map((i: any) => i.id);
      const all = await t.api(USERS.jo).get('/improvements');
      expect(all.status).toBe(200);
      expect(ids(all)).toEqual(
        expect.arrayContaining([forCheckout.id, forPayments.id, scopedOnly.id]),
      );
      const item = all.body.items.find((i: any) => i.id === forCheckout.id);
      expect(item.rollup).toEqual({
        votes: 2,
        teams: [TEAMS.checkout],
        hoursLostPerWeek: 20,
      });

      const planned = await t.api(USERS.jo).get('/improvements?status=planned');
      expect(ids(planned)).toContain(forPayments.id);
      expect(planned.body.items.every((i: any) => i.status === 'planned')).toBe(
        true,
      );

      // Scoped to the team, or answering one of its requests.
      const checkout = await t
        .api(USERS.jo)
        .get(`/improvements?team=${TEAMS.checkout}`);
      expect(ids(checkout)).toEqual(
        expect.arrayContaining([forCheckout.id, scopedOnly.id]),
      );
      expect(ids(checkout)).not.toContain(forPayments.id);

      const byRequest = await t
        .api('service')
        .get(`/improvements?request=${runners.key}`);
      expect(byRequest.status).toBe(200);
      expect(ids(byRequest)).toEqual([forPayments.id]);

      for (const [query, field] of [
        ['status=done', 'status.0: '],
        ['team=user:default/sam', 'team: '],
        ['request=42', 'request: '],
        ['page=2', 'page: unknown parameter'],
      ]) {
        const bad = await t.api(USERS.jo).get(`/improvements?${query}`);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toContain(field);
      }
    });

    it('answers 404 for an improvement that does not exist, 400 for a malformed id', async () => {
      const missing = await t.api(USERS.sam).get('/improvements/IMP-999999');
      expect(missing.status).toBe(404);
      const bad = await t.api(USERS.sam).get('/improvements/42');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^id: /);
    });

    it('edits with If-Match like requests: 428 without, 412 when stale', async () => {
      const { builds } = await demand();
      const imp = await create({});
      const path = `/improvements/${imp.id}`;

      const without = await priya().patch(path, { title: 'Renamed' });
      expect(without.status).toBe(428);

      const edited = await priya().patch(
        path,
        { title: 'Renamed', requests: [builds.key], plannedFor: null },
        { 'If-Match': '"1"' },
      );
      expect(edited.status).toBe(200);
      expect(edited.headers.get('etag')).toBe('"2"');
      expect(edited.body).toMatchObject({
        title: 'Renamed',
        version: 2,
        rollup: { votes: 2, teams: [TEAMS.checkout], hoursLostPerWeek: 20 },
      });

      const stale = await priya().patch(
        path,
        { title: 'Lost update' },
        { 'If-Match': '"1"' },
      );
      expect(stale.status).toBe(412);
      expect(stale.body.error.message).toMatch(/now at version 2/);

      const before = await snapshotTables(knex, TABLES);
      const sam = await t
        .api(USERS.sam)
        .patch(path, { title: 'Hijacked' }, { 'If-Match': '"2"' });
      expect(sam.status).toBe(403);
      expect(sam.body.error.message).toBe(
        'only the platform team may edit improvements',
      );
      const empty = await priya().patch(path, {}, { 'If-Match': '"2"' });
      expect(empty.status).toBe(400);
      expect(await snapshotTables(knex, TABLES)).toEqual(before);
    });

    it('plans, starts and drops with a reason; refuses other moves', async () => {
      const imp = await create({});
      const path = `/improvements/${imp.id}/transitions`;

      const skip = await priya().post(path, { to: 'in_progress' });
      expect(skip.status).toBe(409);
      expect(skip.body.error.message).toContain(
        'cannot move a proposed improvement to in_progress; allowed: planned, dropped',
      );

      const sam = await t.api(USERS.sam).post(path, { to: 'planned' });
      expect(sam.status).toBe(403);
      expect(sam.body.error.message).toBe(
        'only the platform team may change the status of improvements',
      );

      const planned = await priya().post(path, { to: 'planned' });
      expect(planned.status).toBe(200);
      expect(planned.body).toMatchObject({ status: 'planned', version: 2 });

      const stale = await priya().post(
        path,
        { to: 'in_progress' },
        { 'If-Match': '"1"' },
      );
      expect(stale.status).toBe(412);

      const shipping = await priya().post(path, { to: 'shipped' });
      expect(shipping.status).toBe(400);
      expect(shipping.body.error.message).toMatch(/^to: /);

      const noReason = await priya().post(path, { to: 'dropped' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toBe(
        'reason is required to drop an improvement',
      );

      const dropped = await priya().post(
        path,
        { to: 'dropped', reason: 'The vendor fixed it' },
        { 'If-Match': '"2"' },
      );
      expect(dropped.status).toBe(200);
      expect(dropped.body).toMatchObject({
        status: 'dropped',
        dropReason: 'The vendor fixed it',
      });
      const again = await priya().post(path, { to: 'planned' });
      expect(again.status).toBe(409);
    });

    it('ships once: resolves the open linked requests with a comment, notifies and asks the requester to rate', async () => {
      const { builds, runners } = await demand();
      const closed = await t.file(USERS.jo, { title: 'Already declined' });
      await t.move(closed.key, 'declined', { reason: 'Out of scope' });
      const imp = await create({
        requests: [builds.key, runners.key, closed.key],
      });
      const ship = `/improvements/${imp.id}/ship`;

      const early = await priya().post(ship, {});
      expect(early.status).toBe(409);
      expect(early.body.error.message).toContain(
        'cannot move a proposed improvement to shipped',
      );
      await moveTo(imp.id, 'planned', 'in_progress');

      const sam = await t.api(USERS.sam).post(ship, {});
      expect(sam.status).toBe(403);
      expect(sam.body.error.message).toBe(
        'only the platform team may ship improvements',
      );
      expect(t.audits[t.audits.length - 1].options).toMatchObject({
        eventId: 'permission-denied',
        meta: {
          action: 'POST /improvements/:id/ship',
          target: imp.id,
          permission: 'platform-requests.improvement.ship',
        },
      });
      expect(
        (await t.api(USERS.sam).get(`/requests/${builds.key}`)).body.status,
      ).toBe('new');

      const eventsBefore = t.events.length;
      const notificationsBefore = t.notifications.length;
      const shipped = await priya().post(ship, { comment: 'Runners doubled.' });
      expect(shipped.status).toBe(200);
      expect(shipped.body).toMatchObject({ status: 'shipped', version: 4 });
      expect(new Date(shipped.body.shippedAt).toISOString()).toBe(
        shipped.body.shippedAt,
      );

      for (const key of [builds.key, runners.key]) {
        const request = (await t.api(USERS.sam).get(`/requests/${key}`)).body;
        expect(request.status).toBe('done');
        expect(request.sla.resolve.metAt).toBe(shipped.body.shippedAt);
        expect(request.addressedBy).toEqual([
          { id: imp.id, title: imp.title, status: 'shipped' },
        ]);
        const comments = (
          await t.api(USERS.sam).get(`/requests/${key}/comments`)
        ).body.items;
        expect(comments[comments.length - 1]).toMatchObject({
          author: USERS.priya,
          body: `Resolved by the improvement [${imp.id}: Faster CI runners](/improvements/${imp.id}), which has shipped.\n\nRunners doubled.`,
        });
      }
      const declined = (await t.api(USERS.sam).get(`/requests/${closed.key}`))
        .body;
      expect(declined.status).toBe('declined');

      const statusEvents = t.events
        .slice(eventsBefore)
        .filter(e => e.topic === 'platform-requests.request.status-changed');
      expect(
        statusEvents.map(e => [
          (e.eventPayload as any).key,
          (e.eventPayload as any).to,
          (e.eventPayload as any).improvement,
        ]),
      ).toEqual([
        [builds.key, 'done', imp.id],
        [runners.key, 'done', imp.id],
      ]);

      const sent = t.notifications.slice(notificationsBefore);
      const to = (n: any) => n.recipients.entityRef;
      const rate = sent.filter((n: any) =>
        /please rate it/.test(n.payload.title),
      );
      expect(rate.map(to)).toEqual([[USERS.sam], [USERS.jo]]);
      expect(rate[0].payload).toMatchObject({
        link: `/requests/${builds.key}`,
        topic: 'improvement-shipped',
      });
      // Voters (and watchers) of builds: alex and jo; of runners: sam.
      const others = sent.filter(
        (n: any) => !/please rate it/.test(n.payload.title),
      );
      expect(others.map(to)).toEqual([[USERS.alex, USERS.jo], [USERS.sam]]);

      // The requester can rate the resolution now.
      const rated = await t
        .api(USERS.sam)
        .post(`/requests/${builds.key}/rating`, { score: 5 });
      expect(rated.status).toBe(200);

      const before = await snapshotTables(knex, TABLES);
      const twice = await priya().post(ship, {});
      expect(twice.status).toBe(409);
      expect(twice.body.error.message).toContain('already shipped');
      expect(await snapshotTables(knex, TABLES)).toEqual(before);

      const list = await t.api(USERS.jo).get('/improvements?status=shipped');
      expect(list.body.items.map((i: any) => i.id)).toContain(imp.id);
      expect(list.body.items.find((i: any) => i.id === imp.id)).toMatchObject({
        shippedAt: shipped.body.shippedAt,
        scope: { teams: [], entities: [] },
        targetKpis: ['leadTime'],
      });

      const relink = await priya().patch(
        `/improvements/${imp.id}`,
        { requests: [] },
        { 'If-Match': '"4"' },
      );
      expect(relink.status).toBe(409);
      expect(relink.body.error.message).toMatch(/^requests: /);
    });

    it('writes nothing when shipping fails half-way, and announces nothing', async () => {
      const { builds, runners } = await demand();
      const imp = await create({ requests: [builds.key, runners.key] });
      await moveTo(imp.id, 'planned', 'in_progress');
      const second = Number(runners.key.slice(4));
      // The second request's comment cannot be written.
      if (knex.client.config.client === 'pg') {
        await knex.raw(`
          CREATE FUNCTION refuse_comment() RETURNS trigger AS $$
          BEGIN RAISE EXCEPTION 'comment refused'; END $$ LANGUAGE plpgsql`);
        await knex.raw(`
          CREATE TRIGGER comment_refused BEFORE INSERT ON comments
          FOR EACH ROW WHEN (NEW.request_id = ${second})
          EXECUTE FUNCTION refuse_comment()`);
      } else {
        await knex.raw(`
          CREATE TRIGGER comment_refused BEFORE INSERT ON comments
          WHEN NEW.request_id = ${second}
          BEGIN SELECT RAISE(ABORT, 'comment refused'); END`);
      }
      const before = await snapshotTables(knex, TABLES);
      const events = t.events.length;
      const notifications = t.notifications.length;
      try {
        const res = await priya().post(`/improvements/${imp.id}/ship`, {});
        expect(res.status).toBe(500);
        expect(await snapshotTables(knex, TABLES)).toEqual(before);
        expect(t.events).toHaveLength(events);
        expect(t.notifications).toHaveLength(notifications);
      } finally {
        await knex.raw(
          knex.client.config.client === 'pg'
            ? 'DROP TRIGGER comment_refused ON comments'
            : 'DROP TRIGGER comment_refused',
        );
      }
      const retry = await priya().post(`/improvements/${imp.id}/ship`, {});
      expect(retry.status).toBe(200);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'shipping in the demo on %p',
  databaseId => {
    it('takes the ship time from the request clock', async () => {
      const t = await startRequestsBackend(await databases.init(databaseId), {
        config: {
          lodestar: {
            platformTeam: TEAMS.platform,
            demo: { backdating: true },
          },
        },
      });
      const req = await t.file(USERS.sam);
      const priya = t.api(USERS.priya);
      const created = await priya.post('/improvements', {
        title: 'Backdated',
        requests: [req.key],
      });
      for (const to of ['planned', 'in_progress']) {
        await priya.post(`/improvements/${created.body.id}/transitions`, {
          to,
        });
      }
      const at = '2026-03-02T10:00:00.000Z';
      const res = await priya.post(
        `/improvements/${created.body.id}/ship`,
        {},
        { 'x-lodestar-demo-at': at },
      );
      expect(res.status).toBe(200);
      expect(res.body.shippedAt).toBe(at);
      const request = (await priya.get(`/requests/${req.key}`)).body;
      expect(request.status).toBe('done');
      await t.backend.stop();
    });
  },
);
