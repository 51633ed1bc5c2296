import { TestDatabases } from '@backstage/backend-test-utils';
import {
  allowedTransitions,
  isolate,
  REQUEST_STATUSES,
  RequestStatus,
} from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import {
  RequestsBackend,
  startRequestsBackend,
  TEAMS,
  USERS,
} from './__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const DAY_MS = 86_400_000;

describe.each(databases.eachSupportedId())('workflow on %p', databaseId => {
  let t: RequestsBackend;
  let knex: Knex;
  beforeAll(async () => {
    knex = await databases.init(databaseId);
    t = await startRequestsBackend(knex, {
      config: { platformRequests: { reopenWindowDays: 7 } },
    });
  });

  const idOf = (key: string) => Number(key.slice('REQ-'.length));

  /** A new request of Sam's, moved by the platform team into `status`. */
  async function requestIn(status: RequestStatus): Promise<string> {
    const { key } = await t.file(USERS.sam);
    const path: Partial<Record<RequestStatus, RequestStatus[]>> = {
      triaged: ['triaged'],
      planned: ['triaged', 'planned'],
      in_progress: ['triaged', 'planned', 'in_progress'],
      done: ['triaged', 'planned', 'in_progress', 'done'],
    };
    for (const step of path[status] ?? []) await t.move(key, step);
    if (status === 'declined') await t.move(key, 'declined', { reason: 'no' });
    if (status === 'duplicate') {
      const original = await t.file(USERS.jo);
      await t.move(key, 'duplicate', { duplicateOf: original.key });
    }
    return key;
  }

  describe('transitions', () => {
    const cases = REQUEST_STATUSES.flatMap(from =>
      REQUEST_STATUSES.map(to => [from, to] as const),
    );

    it.each(cases)('%s → %s as the platform team', async (from, to) => {
      const key = await requestIn(from);
      const extra: Record<string, string> = {};
      if (to === 'declined') extra.reason = 'out of scope';
      if (to === 'duplicate') extra.duplicateOf = (await t.file(USERS.jo)).key;
      const res = await t
        .api(USERS.priya)
        .post(`/requests/${key}/transitions`, {
          to,
          ...extra,
        });
      const allowed = allowedTransitions(from);
      const after = await t.api(USERS.priya).get(`/requests/${key}`);
      expect({
        status: res.status,
        message: res.body.error?.message,
        now: after.body.status,
      }).toEqual(
        allowed.includes(to)
          ? { status: 200, message: undefined, now: to }
          : {
              status: 409,
              message: `cannot move a ${from} request to ${to}; allowed: ${
                allowed.length ? allowed.join(', ') : 'none'
              }`,
              now: from,
            },
      );
    });

    it('walks the main path, stopping the SLA clocks on the way', async () => {
      const { key } = await t.file(USERS.sam, { urgency: 'critical' });
      const triaged = await t.move(key, 'triaged', { comment: 'on it' });
      expect(triaged.sla.triage.metAt).toBeDefined();
      expect(triaged.sla.resolve.metAt).toBeUndefined();
      await t.move(key, 'planned');
      await t.move(key, 'in_progress');
      const done = await t.move(key, 'done');
      expect(done).toMatchObject({ status: 'done', version: 5 });
      expect(done.sla.resolve.metAt).toBeDefined();
      expect(done.sla.resolve.breached).toBe(false);
    });

    it.each([
      [
        'declining without a reason',
        { to: 'declined' },
        'reason is required to decline a request',
      ],
      [
        'declining with a blank reason',
        { to: 'declined', reason: '  ' },
        'reason is required to decline a request',
      ],
      [
        'a duplicate without its original',
        { to: 'duplicate' },
        'duplicateOf is required to mark a request as a duplicate',
      ],
      [
        'a duplicate of a bad key',
        { to: 'duplicate', duplicateOf: 'REQ-x' },
        'duplicateOf: must be a request key like REQ-42',
      ],
      [
        'a duplicate of nothing',
        { to: 'duplicate', duplicateOf: 'REQ-999999' },
        'duplicateOf: there is no request REQ-999999',
      ],
      ['an unknown status', { to: 'closed' }, 'to: '],
      [
        'an unknown field',
        { to: 'triaged', priority: 1 },
        'priority: unknown field',
      ],
    ])('refuses %s with 400', async (_case, body, message) => {
      const key = await requestIn('new');
      const res = await t
        .api(USERS.priya)
        .post(`/requests/${key}/transitions`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });

    it('refuses a duplicate of itself, of a declined or of a duplicate request', async () => {
      const key = await requestIn('new');
      const self = await t
        .api(USERS.priya)
        .post(`/requests/${key}/transitions`, {
          to: 'duplicate',
          duplicateOf: key,
        });
      expect(self.status).toBe(400);
      expect(self.body.error.message).toBe(
        'duplicateOf: a request cannot duplicate itself',
      );

      for (const status of ['declined', 'duplicate'] as const) {
        const original = await requestIn(status);
        const res = await t
          .api(USERS.priya)
          .post(`/requests/${key}/transitions`, {
            to: 'duplicate',
            duplicateOf: original,
          });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(
          `duplicateOf: ${original} is ${status}; the original must be open or done`,
        );
      }

      const done = await requestIn('done');
      const res = await t
        .api(USERS.priya)
        .post(`/requests/${key}/transitions`, {
          to: 'duplicate',
          duplicateOf: done,
        });
      expect(res.status).toBe(200);
      expect(res.body.duplicateOf).toBe(done);
    });

    it('takes If-Match optionally, and refuses a stale one with 412', async () => {
      const key = await requestIn('new');
      const stale = await t
        .api(USERS.priya)
        .post(
          `/requests/${key}/transitions`,
          { to: 'triaged' },
          { 'If-Match': '"7"' },
        );
      expect(stale.status).toBe(412);
      const fresh = await t
        .api(USERS.priya)
        .post(
          `/requests/${key}/transitions`,
          { to: 'triaged' },
          { 'If-Match': '"1"' },
        );
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get('etag')).toBe('"2"');
    });
  });

  describe('duplicates', () => {
    it('moves votes and watchers to the original; a voter on both keeps one vote', async () => {
      const original = await t.file(USERS.sam, { title: 'Original' });
      const duplicate = await t.file(USERS.jo, { title: 'Duplicate' });
      await t.api(USERS.alex).post(`/requests/${original.key}/votes`);
      await t.api(USERS.alex).post(`/requests/${duplicate.key}/votes`);
      await t.api(USERS.jo).post(`/requests/${duplicate.key}/votes`);
      await t.api(USERS.omar).post(`/requests/${duplicate.key}/votes`);
      // Omar votes but does not want to hear about it.
      await t.api(USERS.omar).delete(`/requests/${duplicate.key}/watch`);
      t.notifications.length = 0;

      const marked = await t.move(duplicate.key, 'duplicate', {
        duplicateOf: original.key,
        comment: 'same thing',
      });
      expect(marked).toMatchObject({
        status: 'duplicate',
        duplicateOf: original.key,
        votes: { count: 0, teams: 0, byTeam: [] },
      });

      const merged = await t.api(USERS.jo).get(`/requests/${original.key}`);
      expect(merged.body.votes).toEqual({
        count: 3,
        teams: 3,
        byTeam: [
          { team: TEAMS.checkout, count: 1 },
          { team: TEAMS.payments, count: 1 },
          { team: TEAMS.platform, count: 1 },
        ],
        mine: true,
      });
      const votes = await knex('votes').where('request_id', idOf(original.key));
      expect(votes.map(v => v.user_ref).sort()).toEqual(
        [USERS.alex, USERS.jo, USERS.omar].sort(),
      );
      const watchers = await knex('watchers')
        .where({ request_id: idOf(original.key), opted_out: false })
        .orderBy('user_ref');
      expect(watchers.map(w => w.user_ref)).toEqual(
        [USERS.alex, USERS.jo, USERS.sam].sort(),
      );
      expect(
        await knex('votes').where('request_id', idOf(duplicate.key)),
      ).toEqual([]);

      const timeline = await t
        .api(USERS.jo)
        .get(`/requests/${original.key}/timeline`);
      expect(timeline.body.items.at(-1)).toMatchObject({
        type: 'merged',
        actor: USERS.priya,
        details: { duplicate: duplicate.key, votesMoved: 2, watchersMoved: 1 },
      });

      // The duplicate's watchers hear about it, Omar (opted out) and Priya
      // (who did it) do not.
      expect(t.notifications).toHaveLength(1);
      expect(t.notifications[0].recipients).toMatchObject({
        entityRef: [USERS.alex, USERS.jo],
      });
      expect(t.notifications[0].payload).toMatchObject({
        title: `${duplicate.key} was marked a duplicate of ${original.key}: Duplicate`,
        link: `/requests/${duplicate.key}`,
        topic: 'request-status',
      });

      const voteOnDuplicate = await t
        .api(USERS.sam)
        .post(`/requests/${duplicate.key}/votes`);
      expect(voteOnDuplicate.status).toBe(409);
      expect(voteOnDuplicate.body.error.message).toBe(
        `${duplicate.key} is a duplicate of ${original.key}; vote there`,
      );
    });
  });

  describe('votes', () => {
    it('counts a vote as activity: the request is updated then', async () => {
      const filed = await t.file(USERS.sam, { title: 'Votes bump updatedAt' });
      await new Promise(r => setTimeout(r, 5));
      await t.api(USERS.jo).post(`/requests/${filed.key}/votes`);
      const voted = await t.api(USERS.jo).get(`/requests/${filed.key}`);
      expect(Date.parse(voted.body.updatedAt)).toBeGreaterThan(
        Date.parse(filed.updatedAt),
      );
      const first = await t
        .api(USERS.jo)
        .get('/requests?sort=-updated&limit=1');
      expect(first.body.items[0].key).toBe(filed.key);
    });

    it('counts one vote per user, with distinct teams, by team, and mine', async () => {
      const { key } = await t.file(USERS.sam, { title: 'Votes' });
      for (const user of [
        USERS.sam,
        USERS.alex,
        USERS.alex,
        USERS.jo,
        USERS.lonely,
      ]) {
        const res = await t.api(user).post(`/requests/${key}/votes`);
        expect(res.status).toBe(200);
      }
      const res = await t.api(USERS.alex).get(`/requests/${key}`);
      expect(res.body.votes).toEqual({
        count: 4,
        teams: 2,
        byTeam: [
          { team: TEAMS.checkout, count: 2 },
          { team: TEAMS.payments, count: 1 },
        ],
        mine: true,
      });
      expect(
        (await t.api(USERS.priya).get(`/requests/${key}`)).body.votes.mine,
      ).toBe(false);
      const votesPart = res.body.priority.parts.find(
        (p: any) => p.factor === 'votes',
      );
      expect(votesPart).toMatchObject({ value: 4, weight: 20 });

      const unvoted = await t.api(USERS.alex).delete(`/requests/${key}/votes`);
      expect(unvoted.body.votes).toMatchObject({ count: 3, mine: false });
      expect(
        t.events
          .filter(e => e.topic === 'platform-requests.request.voted')
          .at(-1),
      ).toMatchObject({
        eventPayload: { key, vote: 'removed', votes: 3, teams: 2 },
      });
    });

    it('takes votes only on open requests', async () => {
      const key = await requestIn('done');
      const res = await t.api(USERS.jo).post(`/requests/${key}/votes`);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        `${key} is done; votes are for open requests`,
      );
    });
  });

  describe('comments, watching and notifications', () => {
    it('notifies the watchers of comments and status changes, except the actor and who opted out', async () => {
      const { key } = await t.file(USERS.sam, { title: 'Talk about it' });
      await t.api(USERS.jo).post(`/requests/${key}/votes`);
      t.notifications.length = 0;

      const comment = await t
        .api(USERS.alex)
        .post(`/requests/${key}/comments`, {
          body: '**Also** hit by this.',
        });
      expect(comment.status).toBe(201);
      expect(comment.body).toMatchObject({
        id: expect.any(String),
        author: USERS.alex,
        body: '**Also** hit by this.',
      });
      expect(t.notifications[0]).toMatchObject({
        recipients: { type: 'entity', entityRef: [USERS.jo, USERS.sam] },
        payload: {
          title: `New comment on ${key}: Talk about it`,
          link: `/requests/${key}`,
          topic: 'request-comment',
        },
      });

      // Alex watches since commenting; Sam stops watching.
      expect(
        (await t.api(USERS.alex).get(`/requests/${key}`)).body.watchers,
      ).toEqual({
        count: 3,
        watching: true,
      });
      const unwatched = await t.api(USERS.sam).delete(`/requests/${key}/watch`);
      expect(unwatched.body.watchers).toEqual({ count: 2, watching: false });
      // Commenting again does not undo Sam's opt-out.
      await t
        .api(USERS.sam)
        .post(`/requests/${key}/comments`, { body: 'fine' });
      t.notifications.length = 0;

      await t.move(key, 'triaged', { comment: 'looking' });
      expect(t.notifications).toHaveLength(1);
      expect(t.notifications[0]).toMatchObject({
        recipients: { entityRef: [USERS.alex, USERS.jo] },
        payload: {
          title: `${key} is now triaged: Talk about it`,
          description: `${isolate('Talk about it')} — ${isolate('looking')} (${
            USERS.priya
          })`,
          link: `/requests/${key}`,
          topic: 'request-status',
        },
      });

      const rewatched = await t.api(USERS.sam).put(`/requests/${key}/watch`);
      expect(rewatched.body.watchers.watching).toBe(true);
      const comments = await t.api(USERS.jo).get(`/requests/${key}/comments`);
      expect(comments.body.items.map((c: any) => c.body)).toEqual([
        '**Also** hit by this.',
        'fine',
      ]);
    });

    it('refuses an empty comment', async () => {
      const { key } = await t.file(USERS.sam);
      const res = await t
        .api(USERS.jo)
        .post(`/requests/${key}/comments`, { body: '  ' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('body: must not be empty');
    });
  });

  describe('rating and reopening', () => {
    it('lets the requester rate a done request 1–5, once it is done', async () => {
      const { key } = await t.file(USERS.sam);
      const early = await t
        .api(USERS.sam)
        .post(`/requests/${key}/rating`, { score: 4 });
      expect(early.status).toBe(409);
      expect(early.body.error.message).toBe(
        `${key} is new; it can be rated once it is done`,
      );

      for (const step of ['triaged', 'planned', 'in_progress', 'done'])
        await t.move(key, step);
      const outOfRange = await t
        .api(USERS.sam)
        .post(`/requests/${key}/rating`, { score: 6 });
      expect(outOfRange.status).toBe(400);
      expect(outOfRange.body.error.message).toMatch(/^score: /);

      for (const other of [USERS.jo, USERS.priya]) {
        const res = await t
          .api(other)
          .post(`/requests/${key}/rating`, { score: 1 });
        expect(res.status).toBe(403);
      }

      const rated = await t.api(USERS.sam).post(`/requests/${key}/rating`, {
        score: 5,
        comment: 'Fast and kind',
      });
      expect(rated.status).toBe(200);
      expect(rated.body.rating).toEqual({ score: 5, comment: 'Fast and kind' });
      expect(t.events.at(-1)).toMatchObject({
        topic: 'platform-requests.request.rated',
        eventPayload: {
          key,
          score: 5,
          actor: USERS.sam,
          requestingTeam: TEAMS.checkout,
        },
      });
    });

    it('lets the requester reopen within the window, the platform team any time', async () => {
      const done = await requestIn('done');
      await t.api(USERS.sam).post(`/requests/${done}/rating`, { score: 2 });
      const reopened = await t
        .api(USERS.sam)
        .post(`/requests/${done}/transitions`, {
          to: 'new',
          comment: 'still broken',
        });
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({ status: 'new', rating: null });
      expect(reopened.body.sla.triage.metAt).toBeUndefined();

      const declined = await requestIn('declined');
      expect(
        (
          await t
            .api(USERS.jo)
            .post(`/requests/${declined}/transitions`, { to: 'new' })
        ).status,
      ).toBe(403);
      expect(
        (
          await t
            .api(USERS.sam)
            .post(`/requests/${declined}/transitions`, { to: 'new' })
        ).status,
      ).toBe(200);

      // Closed eight days ago: past Sam's seven-day window.
      const old = await requestIn('done');
      await knex('requests')
        .where('id', idOf(old))
        .update({
          resolved_at: new Date(Date.now() - 8 * DAY_MS).toISOString(),
        });
      const late = await t
        .api(USERS.sam)
        .post(`/requests/${old}/transitions`, { to: 'new' });
      expect(late.status).toBe(403);
      expect(late.body.error.message).toBe(
        `${old} was closed more than 7 days ago; ask the platform team to reopen it`,
      );
      const byPlatform = await t
        .api(USERS.priya)
        .post(`/requests/${old}/transitions`, { to: 'new' });
      expect(byPlatform.status).toBe(200);
    });

    it('lets only the platform team make every other status change', async () => {
      const key = await requestIn('new');
      for (const user of [USERS.sam, USERS.jo]) {
        const res = await t
          .api(user)
          .post(`/requests/${key}/transitions`, { to: 'triaged' });
        expect(res.status).toBe(403);
      }
    });
  });

  describe('timeline, events and audit', () => {
    it('records every change with actor, time, comment and details', async () => {
      const created = await t.file(USERS.sam, { title: 'Timeline' });
      const { key } = created;
      await t
        .api(USERS.sam)
        .patch(
          `/requests/${key}`,
          { title: 'Timeline, edited' },
          { 'If-Match': '"1"' },
        );
      await t
        .api(USERS.priya)
        .patch(
          `/requests/${key}`,
          { assignee: USERS.omar },
          { 'If-Match': '"2"' },
        );
      await t.move(key, 'triaged', { comment: 'accepted' });
      await t.api(USERS.jo).post(`/requests/${key}/votes`);
      await t.api(USERS.jo).delete(`/requests/${key}/votes`);
      await t.api(USERS.jo).post(`/requests/${key}/comments`, { body: 'hi' });
      await t.move(key, 'declined', { reason: 'Not now' });

      const res = await t.api(USERS.jo).get(`/requests/${key}/timeline`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((e: any) => [e.type, e.actor])).toEqual([
        ['created', USERS.sam],
        ['edited', USERS.sam],
        ['assigned', USERS.priya],
        ['status-changed', USERS.priya],
        ['voted', USERS.jo],
        ['unvoted', USERS.jo],
        ['commented', USERS.jo],
        ['status-changed', USERS.priya],
      ]);
      const [, edited, assigned, triaged, , , , declined] = res.body.items;
      expect(edited.details).toEqual({
        fields: ['title'],
        from: { title: 'Timeline' },
        to: { title: 'Timeline, edited' },
      });
      expect(assigned.details).toEqual({ from: null, to: USERS.omar });
      expect(triaged).toMatchObject({
        comment: 'accepted',
        details: { from: 'new', to: 'triaged' },
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(declined.details).toEqual({
        from: 'triaged',
        to: 'declined',
        reason: 'Not now',
      });

      const mine = t.events.filter(e => (e.eventPayload as any).key === key);
      expect(mine.map(e => e.topic)).toEqual([
        'platform-requests.request.created',
        'platform-requests.request.updated',
        'platform-requests.request.updated',
        'platform-requests.request.status-changed',
        'platform-requests.request.voted',
        'platform-requests.request.voted',
        'platform-requests.request.commented',
        'platform-requests.request.status-changed',
      ]);
      expect(mine[3].eventPayload).toEqual({
        key,
        actor: USERS.priya,
        at: triaged.at,
        status: 'triaged',
        from: 'new',
        to: 'triaged',
        requester: USERS.sam,
        requestingTeam: TEAMS.checkout,
        category: 'pain-point',
        urgency: 'medium',
        impact: { peopleAffected: 12, hoursLostPerWeek: 6 },
        createdAt: created.createdAt,
        openedAt: created.createdAt,
        triagedAt: triaged.at,
        resolvedAt: null,
        sla: {
          triage: { targetHours: 72, breached: false },
          resolve: { targetHours: 720, breached: false },
        },
      });
      expect(mine[2].eventPayload).toMatchObject({
        fields: ['assignee'],
        assignee: { from: null, to: USERS.omar },
      });
    });

    it('audits triage actions, refused ones included, and each refusal', async () => {
      const key = await requestIn('new');
      t.audits.length = 0;
      await t.move(key, 'triaged');
      await t
        .api(USERS.sam)
        .post(`/requests/${key}/transitions`, { to: 'planned' });
      await t
        .api(USERS.priya)
        .patch(
          `/requests/${key}`,
          { assignee: USERS.sam },
          { 'If-Match': '"2"' },
        );
      expect(t.audits).toEqual([
        {
          options: {
            eventId: 'request-triage',
            severityLevel: 'medium',
            meta: {
              action: 'transition',
              key,
              to: 'triaged',
              duplicateOf: null,
            },
          },
          outcome: 'success',
        },
        {
          options: {
            eventId: 'request-triage',
            severityLevel: 'medium',
            meta: {
              action: 'transition',
              key,
              to: 'planned',
              duplicateOf: null,
            },
          },
          outcome: 'fail',
        },
        // The refusal itself, with the actor taken from the request.
        {
          options: {
            eventId: 'permission-denied',
            severityLevel: 'medium',
            meta: { action: 'POST /requests/:key/transitions', target: key },
          },
          outcome: 'fail',
        },
        {
          options: {
            eventId: 'request-triage',
            severityLevel: 'medium',
            meta: { action: 'assign', key, assignee: USERS.sam },
          },
          outcome: 'fail',
        },
      ]);
    });
  });

  describe('SLA', () => {
    it('flags breaches and filters by them', async () => {
      // Critical: triage within 4 hours. This one waits for 5.
      const late = await t.file(USERS.sam, {
        urgency: 'critical',
        title: 'Late',
      });
      const fresh = await t.file(USERS.sam, {
        urgency: 'critical',
        title: 'Fresh',
      });
      const fiveHoursAgo = new Date(Date.now() - 5 * 3_600_000).toISOString();
      await knex('requests')
        .where('id', idOf(late.key))
        .update({ opened_at: fiveHoursAgo, created_at: fiveHoursAgo });
      // Triaged after 4.5 hours: met, but late.
      const metLate = await t.file(USERS.sam, {
        urgency: 'critical',
        title: 'Met late',
      });
      await t.move(metLate.key, 'triaged');
      await knex('requests')
        .where('id', idOf(metLate.key))
        .update({
          opened_at: new Date(Date.now() - 4.5 * 3_600_000).toISOString(),
        });

      expect(
        (await t.api(USERS.sam).get(`/requests/${late.key}`)).body.sla.triage
          .breached,
      ).toBe(true);
      expect(
        (await t.api(USERS.sam).get(`/requests/${metLate.key}`)).body.sla
          .triage,
      ).toMatchObject({
        breached: true,
        metAt: expect.any(String),
      });
      expect(
        (await t.api(USERS.sam).get(`/requests/${fresh.key}`)).body.sla.triage
          .breached,
      ).toBe(false);

      const keys = (res: any) => res.body.items.map((r: any) => r.key);
      const breached = await t
        .api(USERS.sam)
        .get('/requests?breached=true&limit=100');
      expect(keys(breached)).toEqual(
        expect.arrayContaining([late.key, metLate.key]),
      );
      expect(keys(breached)).not.toContain(fresh.key);
      const fine = await t
        .api(USERS.sam)
        .get('/requests?breached=false&limit=100');
      expect(keys(fine)).toContain(fresh.key);
      expect(keys(fine)).not.toContain(late.key);
      expect(keys(fine)).not.toContain(metLate.key);
    });
  });
});
