import { TestDatabases } from '@backstage/backend-test-utils';
import {
  Caller,
  RequestsBackend,
  startRequestsBackend,
  USERS,
} from './__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** Who calls: nobody, the requester (Sam), another user, the platform team, a service. */
const CALLERS: Record<string, Caller> = {
  anonymous: 'anonymous',
  requester: USERS.sam,
  other: USERS.jo,
  platform: USERS.priya,
  service: 'service',
};

type Call = {
  /** The state the request is in first. */
  state: 'new' | 'done';
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: (key: string) => string;
  body?: unknown;
  headers?: Record<string, string>;
};

const ROUTES: Record<string, Call> = {
  'GET /config': { state: 'new', method: 'get', path: () => '/config' },
  'GET /requests': { state: 'new', method: 'get', path: () => '/requests' },
  'GET /requests/:key': {
    state: 'new',
    method: 'get',
    path: k => `/requests/${k}`,
  },
  'GET timeline': {
    state: 'new',
    method: 'get',
    path: k => `/requests/${k}/timeline`,
  },
  'GET comments': {
    state: 'new',
    method: 'get',
    path: k => `/requests/${k}/comments`,
  },
  'GET /suggestions': {
    state: 'new',
    method: 'get',
    path: () => '/suggestions?title=flaky',
  },
  'GET /export': {
    state: 'new',
    method: 'get',
    path: () => '/export?format=csv',
  },
  'POST /requests': {
    state: 'new',
    method: 'post',
    path: () => '/requests',
    body: {
      title: 'Another one',
      category: 'other',
      urgency: 'low',
      impact: { peopleAffected: 1, hoursLostPerWeek: 1 },
      requestingTeam: 'group:default/checkout-team',
    },
  },
  'PATCH fields while new': {
    state: 'new',
    method: 'patch',
    path: k => `/requests/${k}`,
    body: { title: 'Edited title' },
    headers: { 'If-Match': '"1"' },
  },
  'PATCH assignee': {
    state: 'new',
    method: 'patch',
    path: k => `/requests/${k}`,
    body: { assignee: USERS.omar },
    headers: { 'If-Match': '"1"' },
  },
  triage: {
    state: 'new',
    method: 'post',
    path: k => `/requests/${k}/transitions`,
    body: { to: 'triaged' },
  },
  decline: {
    state: 'new',
    method: 'post',
    path: k => `/requests/${k}/transitions`,
    body: { to: 'declined', reason: 'no' },
  },
  'reopen when done': {
    state: 'done',
    method: 'post',
    path: k => `/requests/${k}/transitions`,
    body: { to: 'new' },
  },
  vote: { state: 'new', method: 'post', path: k => `/requests/${k}/votes` },
  unvote: { state: 'new', method: 'delete', path: k => `/requests/${k}/votes` },
  comment: {
    state: 'new',
    method: 'post',
    path: k => `/requests/${k}/comments`,
    body: { body: 'hi' },
  },
  watch: { state: 'new', method: 'put', path: k => `/requests/${k}/watch` },
  unwatch: {
    state: 'new',
    method: 'delete',
    path: k => `/requests/${k}/watch`,
  },
  'rate when done': {
    state: 'done',
    method: 'post',
    path: k => `/requests/${k}/rating`,
    body: { score: 4 },
  },
};

// Expected status per caller: anonymous, requester, other, platform, service.
const MATRIX: Array<[string, number, number, number, number, number]> = [
  ['GET /config', 401, 200, 200, 200, 200],
  ['GET /requests', 401, 200, 200, 200, 200],
  ['GET /requests/:key', 401, 200, 200, 200, 200],
  ['GET timeline', 401, 200, 200, 200, 200],
  ['GET comments', 401, 200, 200, 200, 200],
  ['GET /suggestions', 401, 200, 200, 200, 200],
  ['GET /export', 401, 200, 200, 200, 200],
  ['POST /requests', 401, 201, 201, 201, 403],
  ['PATCH fields while new', 401, 200, 403, 200, 403],
  ['PATCH assignee', 401, 403, 403, 200, 403],
  ['triage', 401, 403, 403, 200, 403],
  ['decline', 401, 403, 403, 200, 403],
  ['reopen when done', 401, 200, 403, 200, 403],
  ['vote', 401, 200, 200, 200, 403],
  ['unvote', 401, 200, 200, 200, 403],
  ['comment', 401, 201, 201, 201, 403],
  ['watch', 401, 200, 200, 200, 403],
  ['unwatch', 401, 200, 200, 200, 403],
  ['rate when done', 401, 200, 403, 403, 403],
];

const CASES = MATRIX.flatMap(([route, ...statuses]) =>
  Object.keys(CALLERS).map(
    (caller, i) => [route, caller, statuses[i]] as const,
  ),
);

describe.each(databases.eachSupportedId())('permissions on %p', databaseId => {
  let t: RequestsBackend;
  beforeAll(async () => {
    t = await startRequestsBackend(await databases.init(databaseId));
  });

  async function requestIn(state: 'new' | 'done') {
    const { key } = await t.file(USERS.sam);
    if (state === 'done') {
      for (const step of ['triaged', 'planned', 'in_progress', 'done']) {
        await t.move(key, step);
      }
    }
    return key;
  }

  it.each(CASES)('%s as %s → %i', async (route, caller, status) => {
    const call = ROUTES[route];
    const key = await requestIn(call.state);
    const client = t.api(CALLERS[caller]);
    const path = call.path(key);
    let res;
    if (call.method === 'get') res = await client.get(path);
    else if (call.method === 'delete') res = await client.delete(path);
    else if (call.method === 'put') res = await client.put(path, call.body);
    else res = await client[call.method](path, call.body, call.headers);
    expect({
      status: res.status,
      text: res.status === status ? '' : res.text,
    }).toEqual({
      status,
      text: '',
    });
  });

  describe('editing', () => {
    it('lets the requester edit only while new; the platform team any time', async () => {
      const key = await requestIn('new');
      await t.move(key, 'triaged');
      const late = await t
        .api(USERS.sam)
        .patch(
          `/requests/${key}`,
          { title: 'Too late' },
          { 'If-Match': '"2"' },
        );
      expect(late.status).toBe(409);
      expect(late.body.error.message).toBe(
        `${key} is triaged; its requester can edit it only while it is new`,
      );
      const platform = await t
        .api(USERS.priya)
        .patch(
          `/requests/${key}`,
          { title: 'Clarified' },
          { 'If-Match': '"2"' },
        );
      expect(platform.status).toBe(200);
      expect(platform.body).toMatchObject({ title: 'Clarified', version: 3 });
      expect(platform.headers.get('etag')).toBe('"3"');
    });

    it('needs If-Match (428), refuses a stale one (412) and then changes nothing', async () => {
      const key = await requestIn('new');
      const missing = await t
        .api(USERS.sam)
        .patch(`/requests/${key}`, { title: 'No If-Match' });
      expect(missing.status).toBe(428);
      expect(missing.body.error.message).toMatch(/^If-Match is required/);

      const first = await t
        .api(USERS.sam)
        .patch(
          `/requests/${key}`,
          { title: 'First edit' },
          { 'If-Match': '"1"' },
        );
      expect(first.status).toBe(200);
      const stale = await t
        .api(USERS.priya)
        .patch(
          `/requests/${key}`,
          { title: 'Stale edit', assignee: USERS.omar },
          { 'If-Match': '"1"' },
        );
      expect(stale.status).toBe(412);
      expect(stale.body.error.message).toBe(
        `${key} has changed meanwhile; it is now at version 2. Reload it and try again.`,
      );
      const after = await t.api(USERS.sam).get(`/requests/${key}`);
      expect(after.body).toMatchObject({
        title: 'First edit',
        assignee: null,
        version: 2,
      });
      const timeline = await t.api(USERS.sam).get(`/requests/${key}/timeline`);
      expect(timeline.body.items.map((e: any) => e.type)).toEqual([
        'created',
        'edited',
      ]);

      for (const bad of ['*', 'abc', '"0"']) {
        const res = await t
          .api(USERS.sam)
          .patch(`/requests/${key}`, { title: 'x y z' }, { 'If-Match': bad });
        expect(res.status).toBe(400);
      }
      const weak = await t
        .api(USERS.sam)
        .patch(
          `/requests/${key}`,
          { title: 'Weak ETag' },
          { 'If-Match': 'W/"2"' },
        );
      expect(weak.status).toBe(200);
    });

    it('assigns only platform-team members', async () => {
      const key = await requestIn('new');
      const wrong = await t
        .api(USERS.priya)
        .patch(
          `/requests/${key}`,
          { assignee: USERS.sam },
          { 'If-Match': '"1"' },
        );
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).toBe(
        `assignee: ${USERS.sam} is not a member of group:default/platform-team`,
      );
      const unknown = await t
        .api(USERS.priya)
        .patch(
          `/requests/${key}`,
          { assignee: 'user:default/nobody' },
          { 'If-Match': '"1"' },
        );
      expect(unknown.status).toBe(400);
      const right = await t
        .api(USERS.priya)
        .patch(
          `/requests/${key}`,
          { assignee: USERS.omar },
          { 'If-Match': '"1"' },
        );
      expect(right.body.assignee).toBe(USERS.omar);
      const unassigned = await t
        .api(USERS.priya)
        .patch(`/requests/${key}`, { assignee: null }, { 'If-Match': '"2"' });
      expect(unassigned.body).toMatchObject({ assignee: null, version: 3 });

      const filtered = await t
        .api(USERS.sam)
        .get(`/requests?assignee=${USERS.omar}`);
      expect(filtered.body.items.map((r: any) => r.key)).not.toContain(key);
    });

    it('validates edits like new requests', async () => {
      const key = await requestIn('new');
      const cases: Array<[object, string]> = [
        [{ title: 'ab' }, 'title: must be at least 3 characters'],
        [{ category: 'gossip' }, 'category: must be one of'],
        [{ requestingTeam: 'group:default/ghosts' }, 'requestingTeam: '],
        [{}, 'nothing to change'],
        [{ requester: USERS.jo }, 'requester: unknown field'],
      ];
      for (const [body, message] of cases) {
        const res = await t
          .api(USERS.sam)
          .patch(`/requests/${key}`, body, { 'If-Match': '"1"' });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(message);
      }
    });
  });
});
