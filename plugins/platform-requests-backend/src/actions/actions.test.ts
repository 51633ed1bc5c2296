/*
 * The platform-requests actions through Backstage's real actions registry
 * (its HTTP routes under /.backstage/actions), on the plugin's test backend:
 * real database, real permission backend with Lodestar's policy. Each action
 * must refuse, validate, change and audit as the matching REST route does.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  RequestsBackend,
  startRequestsBackend,
  TEAMS,
  USERS,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'requests actions on %p',
  databaseId => {
    let t: RequestsBackend;
    beforeAll(async () => {
      t = await startRequestsBackend(await databases.init(databaseId), {
        config: { app: { baseUrl: 'http://portal.test' } },
      });
    });

    const actionsUrl = () => `${t.baseUrl}/.backstage/actions/v1/actions`;

    async function invoke(as: string, name: string, input: unknown) {
      const res = await fetch(
        `${actionsUrl()}/platform-requests:${name}/invoke`,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization:
              as === 'service'
                ? mockCredentials.service.header()
                : mockCredentials.user.header(as),
          },
          body: JSON.stringify(input),
        },
      );
      return { status: res.status, body: await res.json() };
    }

    const need = {
      title: 'Preview environments for every pull request',
      description: 'We wait a day for a shared staging slot.',
      category: 'new-capability',
      urgency: 'high',
      impact: { peopleAffected: 9, hoursLostPerWeek: 12 },
    };

    it('lists its actions with their schemas and attributes', async () => {
      const res = await fetch(actionsUrl(), {
        headers: { Authorization: mockCredentials.user.header(USERS.sam) },
      });
      const { actions } = await res.json();
      expect(
        Object.fromEntries(
          actions.map((a: any) => [a.id, a.attributes.readOnly]),
        ),
      ).toEqual({
        'platform-requests:search-requests': true,
        'platform-requests:find-similar-requests': true,
        'platform-requests:get-request': true,
        'platform-requests:file-request': false,
        'platform-requests:vote-on-request': false,
        'platform-requests:change-request-status': false,
        'platform-requests:where-effort-goes': true,
      });
      const file = actions.find((a: any) => a.name === 'file-request');
      expect(file.schema.input.required).toEqual(
        expect.arrayContaining(['title', 'category', 'urgency', 'impact']),
      );
      expect(file.description).toContain('pain-point');
    });

    it('files as the caller, with the route’s defaults, events and validation', async () => {
      t.events.length = 0;
      const filed = await invoke(USERS.sam, 'file-request', need);
      expect(filed.status).toBe(200);
      const { request, replayed } = filed.body.output;
      expect(replayed).toBe(false);
      expect(request).toMatchObject({
        key: expect.stringMatching(/^REQ-\d+$/),
        status: 'new',
        requester: USERS.sam,
        requestingTeam: TEAMS.checkout,
        url: `http://portal.test/requests/${request.key}`,
      });
      expect(t.events.map(e => e.topic)).toEqual([
        'platform-requests.request.created',
      ]);
      expect(t.events[0].eventPayload).toMatchObject({
        key: request.key,
        actor: USERS.sam,
      });

      // The same check as the REST route, naming the field.
      const short = await invoke(USERS.sam, 'file-request', {
        ...need,
        title: 'ab',
      });
      expect(short.status).toBe(400);
      expect(short.body.error.message).toBe(
        'title: must be at least 3 characters',
      );
      const category = await invoke(USERS.sam, 'file-request', {
        ...need,
        category: 'wishes',
      });
      expect(category.status).toBe(400);
      expect(category.body.error.message).toMatch(
        /^category: must be one of pain-point, /,
      );
      // What the registry's schema already refuses.
      const shape = await invoke(USERS.sam, 'file-request', {
        ...need,
        urgency: 'whenever',
      });
      expect(shape.status).toBe(400);
      expect(shape.body.error.name).toBe('InputError');
    });

    it('files once per idempotency key', async () => {
      const input = { ...need, idempotencyKey: `key-${databaseId}` };
      const first = await invoke(USERS.jo, 'file-request', input);
      const again = await invoke(USERS.jo, 'file-request', input);
      expect(again.body.output).toEqual({
        request: first.body.output.request,
        replayed: true,
      });
    });

    it('refuses a service token changes: a person must be behind them', async () => {
      t.audits.length = 0;
      const res = await invoke('service', 'file-request', need);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'only a signed-in person changes platform requests; call this tool with a user token',
      );
      expect(t.audits).toEqual([
        {
          options: {
            eventId: 'permission-denied',
            severityLevel: 'medium',
            meta: {
              action: 'action file-request',
              target: 'platform requests',
              actor: 'external:test-service',
            },
          },
          outcome: 'fail',
        },
      ]);
    });

    it('suggests the similar request before filing, then votes on it', async () => {
      const original = await t.file(USERS.sam, {
        title: 'Kubernetes namespace quota too small',
      });
      const similar = await invoke(USERS.jo, 'find-similar-requests', {
        title: 'Namespace quota too small on Kubernetes',
      });
      expect(similar.status).toBe(200);
      expect(similar.body.output.items[0]).toMatchObject({
        key: original.key,
        votedByMe: false,
      });

      const voted = await invoke(USERS.jo, 'vote-on-request', {
        key: original.key,
      });
      expect(voted.body.output.request).toMatchObject({
        key: original.key,
        votes: 1,
        votedByMe: true,
      });
      const twice = await invoke(USERS.jo, 'vote-on-request', {
        key: original.key,
      });
      expect(twice.body.output.request.votes).toBe(1);
      const back = await invoke(USERS.jo, 'vote-on-request', {
        key: original.key,
        vote: false,
      });
      expect(back.body.output.request.votes).toBe(0);

      const bad = await invoke(USERS.jo, 'vote-on-request', { key: '42' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        'key: must be a request key like REQ-42',
      );
      const missing = await invoke(USERS.jo, 'vote-on-request', {
        key: 'REQ-999999',
      });
      expect(missing.status).toBe(404);
    });

    it('searches by text and filters, as the list does', async () => {
      const filed = await t.file(USERS.alex, {
        title: 'Terraform state locks time out',
        description: 'Every apply in the payments account waits on a lock.',
      });
      const byText = await invoke(USERS.jo, 'search-requests', {
        q: 'terraform',
      });
      expect(byText.status).toBe(200);
      expect(byText.body.output.items.map((r: any) => r.key)).toEqual([
        filed.key,
      ]);
      const mine = await invoke(USERS.alex, 'search-requests', {
        mine: true,
        status: ['new'],
      });
      expect(
        mine.body.output.items.every((r: any) => r.requester === USERS.alex),
      ).toBe(true);
      const badTeam = await invoke(USERS.jo, 'search-requests', {
        team: 'checkout',
      });
      expect(badTeam.status).toBe(400);
      expect(badTeam.body.error.message).toBe(
        'team.0: must be an entity reference like group:default/checkout-team',
      );
    });

    it('says where the platform team’s effort goes, and names a bad window', async () => {
      await t.file(USERS.sam, {
        title: 'Slow artifact cache',
        impact: { peopleAffected: 4, hoursLostPerWeek: 7.5 },
      });
      const res = await invoke(USERS.jo, 'where-effort-goes', { days: 30 });
      expect(res.status).toBe(200);
      expect(res.body.output.effort.days).toBe(30);
      expect(res.body.output.effort.topPains).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            title: 'Slow artifact cache',
            hoursLostPerWeek: 7.5,
          }),
        ]),
      );
      const bad = await invoke(USERS.jo, 'where-effort-goes', { days: 31 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain(
        'days: must be one of 30, 90, 180, 365',
      );
    });

    it('reads a request with its comments', async () => {
      const filed = await t.file(USERS.sam, { title: 'Slow artifact cache' });
      await t
        .api(USERS.priya)
        .post(`/requests/${filed.key}/comments`, { body: 'Looking at it.' });
      const res = await invoke(USERS.jo, 'get-request', { key: filed.key });
      expect(res.status).toBe(200);
      expect(res.body.output.request).toMatchObject({
        key: filed.key,
        title: 'Slow artifact cache',
        description: filed.description,
        version: filed.version,
        sla: { triage: { breached: false } },
      });
      expect(res.body.output.comments).toEqual([
        expect.objectContaining({
          author: USERS.priya,
          body: 'Looking at it.',
        }),
      ]);
    });

    it('lets only the platform team change a status, audited as the route audits it', async () => {
      const filed = await t.file(USERS.sam, { title: 'Runner images stale' });
      t.audits.length = 0;
      const refused = await invoke(USERS.sam, 'change-request-status', {
        key: filed.key,
        to: 'triaged',
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        'only the platform team changes the status of a request',
      );
      const triaged = await invoke(USERS.priya, 'change-request-status', {
        key: filed.key,
        to: 'triaged',
        version: filed.version,
      });
      expect(triaged.status).toBe(200);
      expect(triaged.body.output.request.status).toBe('triaged');
      const triage = (to: string, actor: string) => ({
        eventId: 'request-triage',
        severityLevel: 'medium',
        meta: {
          action: 'transition',
          key: filed.key,
          to,
          duplicateOf: null,
          actor,
        },
      });
      expect(t.audits).toEqual([
        { options: triage('triaged', USERS.sam), outcome: 'fail' },
        {
          options: {
            eventId: 'permission-denied',
            severityLevel: 'medium',
            meta: {
              action: 'action change-request-status',
              target: filed.key,
              actor: USERS.sam,
            },
          },
          outcome: 'fail',
        },
        { options: triage('triaged', USERS.priya), outcome: 'success' },
      ]);
      const declineWithoutReason = await invoke(
        USERS.priya,
        'change-request-status',
        { key: filed.key, to: 'declined' },
      );
      expect(declineWithoutReason.status).toBe(400);
    });
  },
);
