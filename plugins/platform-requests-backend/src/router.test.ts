import { TestDatabases } from '@backstage/backend-test-utils';
import {
  RequestsBackend,
  startRequestsBackend,
  TEAMS,
  USERS,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('requests API on %p', databaseId => {
  let t: RequestsBackend;
  beforeAll(async () => {
    t = await startRequestsBackend(await databases.init(databaseId));
  });

  const valid = {
    title: 'Slow container builds',
    description: 'Builds take 20 minutes.',
    category: 'pain-point',
    urgency: 'high',
    impact: { peopleAffected: 40, hoursLostPerWeek: 30 },
  };

  describe('filing a request', () => {
    it('answers 201 with key, version and ETag, and defaults the team to the requester’s', async () => {
      const res = await t.api(USERS.sam).post('/requests', {
        ...valid,
        relatedEntities: ['component:default/checkout-api'],
        tags: ['ci', 'builds'],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        key: expect.stringMatching(/^REQ-\d+$/),
        version: 1,
        status: 'new',
        requester: USERS.sam,
        requestingTeam: TEAMS.checkout,
        relatedEntities: ['component:default/checkout-api'],
        tags: ['ci', 'builds'],
        votes: { count: 0, teams: 0, byTeam: [], mine: false },
        watchers: { count: 1, watching: true },
        rating: null,
      });
      expect(res.headers.get('etag')).toBe('"1"');
      expect(res.body.priority.parts.map((p: any) => p.factor)).toEqual([
        'votes',
        'teams',
        'hoursLost',
        'urgency',
        'age',
      ]);
      expect(res.body.sla.triage).toMatchObject({
        targetHours: 24,
        breached: false,
      });

      const read = await t.api(USERS.jo).get(`/requests/${res.body.key}`);
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"1"');
      expect(read.body).toEqual({
        ...res.body,
        watchers: { count: 1, watching: false },
      });
    });

    it('numbers keys in sequence', async () => {
      const a = await t.file(USERS.sam);
      const b = await t.file(USERS.jo);
      expect(Number(b.key.slice(4))).toBe(Number(a.key.slice(4)) + 1);
    });

    it('takes a requesting team that exists in the catalog, and only that', async () => {
      const other = await t.api(USERS.sam).post('/requests', {
        ...valid,
        requestingTeam: TEAMS.payments,
      });
      expect(other.status).toBe(201);
      expect(other.body.requestingTeam).toBe(TEAMS.payments);

      const missing = await t.api(USERS.sam).post('/requests', {
        ...valid,
        requestingTeam: 'group:default/no-such-team',
      });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/^requestingTeam: /);

      const teamless = await t.api(USERS.lonely).post('/requests', valid);
      expect(teamless.status).toBe(400);
      expect(teamless.body.error.message).toMatch(/^requestingTeam: /);
    });

    it.each([
      [
        'a title of 2',
        { title: 'ab' },
        400,
        'title: must be at least 3 characters',
      ],
      [
        'a title of 2 padded',
        { title: '   ab   ' },
        400,
        'title: must be at least 3 characters',
      ],
      ['a title of 3', { title: 'abc' }, 201, ''],
      ['a title of 200', { title: 'x'.repeat(200) }, 201, ''],
      [
        'a title of 201',
        { title: 'x'.repeat(201) },
        400,
        'title: must be at most 200 characters',
      ],
      ['a description of 20,000', { description: 'd'.repeat(20_000) }, 201, ''],
      [
        'a description of 20,000 €',
        { description: '€'.repeat(20_000) },
        201,
        '',
      ],
      [
        'a description of 20,001',
        { description: 'd'.repeat(20_001) },
        400,
        'description: ',
      ],
      [
        'an unknown category',
        { category: 'gossip' },
        400,
        'category: must be one of pain-point, ',
      ],
      ['an unknown urgency', { urgency: 'whenever' }, 400, 'urgency: '],
      [
        'negative impact',
        { impact: { peopleAffected: -1, hoursLostPerWeek: 1 } },
        400,
        'impact.peopleAffected: ',
      ],
      ['a bad tag', { tags: ['Not A Tag'] }, 400, 'tags.0: '],
      [
        'a bad entity ref',
        { relatedEntities: ["x' OR 1=1"] },
        400,
        'relatedEntities.0: ',
      ],
      ['an unknown field', { status: 'done' }, 400, 'status: unknown field'],
      [
        'a NUL character',
        { title: 'nul \u0000 byte' },
        400,
        'title: must not contain NUL',
      ],
      [
        'half a surrogate pair',
        { title: 'half \ud83d emoji' },
        400,
        'title: must be valid Unicode',
      ],
    ])('%s → %i', async (_case, change, status, message) => {
      const res = await t
        .api(USERS.sam)
        .post('/requests', { ...valid, ...change });
      expect(res.status).toBe(status);
      // Successes carry no error; '' is in any message.
      expect(res.body.error?.message ?? '').toContain(message);
    });

    it('refuses a body over the size limit with 413 and says why', async () => {
      const res = await t.api(USERS.sam).post('/requests', {
        ...valid,
        description: 'd'.repeat(200_000),
      });
      expect(res.status).toBe(413);
      expect(res.body.error.message).toMatch(/larger than the 160kb limit/);
    });

    it('refuses malformed JSON with 400', async () => {
      const res = await t.api(USERS.sam).raw('POST', '/requests', '{"title":');
      expect(res.status).toBe(400);
    });

    describe('with an Idempotency-Key', () => {
      const count = async () =>
        (await t.api(USERS.priya).get('/requests?limit=100')).body.items.length;
      const key = (name: string) => ({
        'Idempotency-Key': `${databaseId}-${name}`,
      });

      it('files once: a retry with the same key and body gets the same request, 200 and Idempotent-Replayed', async () => {
        const before = await count();
        const first = await t
          .api(USERS.sam)
          .post('/requests', valid, key('retry'));
        expect(first.status).toBe(201);
        const again = await t
          .api(USERS.sam)
          .post('/requests', valid, key('retry'));
        expect(again.status).toBe(200);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(again.body.key).toBe(first.body.key);
        expect(await count()).toBe(before + 1);
      });

      it('files once when the same key races in at the same moment', async () => {
        const before = await count();
        const answers = await Promise.all(
          [1, 2, 3].map(() =>
            t.api(USERS.sam).post('/requests', valid, key('race')),
          ),
        );
        expect(answers.map(a => a.status).sort()).toEqual([200, 200, 201]);
        expect(new Set(answers.map(a => a.body.key)).size).toBe(1);
        expect(await count()).toBe(before + 1);
      });

      it('refuses the same key with a different body (409), and keys are per requester', async () => {
        await t.api(USERS.sam).post('/requests', valid, key('reuse'));
        const reused = await t
          .api(USERS.sam)
          .post(
            '/requests',
            { ...valid, title: 'Something else' },
            key('reuse'),
          );
        expect(reused.status).toBe(409);
        expect(reused.body.error.message).toMatch(
          /^Idempotency-Key: already used for REQ-\d+ with different content/,
        );
        const otherPerson = await t
          .api(USERS.jo)
          .post('/requests', valid, key('reuse'));
        expect(otherPerson.status).toBe(201);
      });

      it.each(['', ' spaced key ', 'x'.repeat(201), 'tab\tinside'])(
        'refuses a malformed key %j with 400 naming the header',
        async bad => {
          const res = await t
            .api(USERS.sam)
            .post('/requests', valid, { 'Idempotency-Key': bad });
          expect(res.status).toBe(400);
          expect(res.body.error.message).toMatch(/^Idempotency-Key: /);
        },
      );
    });
  });

  it('keeps Unicode exactly as sent: emoji, RTL marks, combining characters', async () => {
    const title = 'Deploy 🚀 fails for \u202Bעברית\u202C and e\u0301te';
    const description =
      'Family 👩‍👩‍👧‍👦, flags 🇳🇱, Arabic مرحبا\u200F, CJK 漢字, NFD e\u0301 vs NFC é, ZWJ a\u200Db';
    const created = await t.api(USERS.sam).post('/requests', {
      ...valid,
      title,
      description,
    });
    expect(created.status).toBe(201);
    const read = await t.api(USERS.sam).get(`/requests/${created.body.key}`);
    expect(read.body.title).toBe(title);
    expect(read.body.description).toBe(description);
    // Not normalised: the decomposed é stays decomposed.
    expect(read.body.title).not.toBe(title.normalize('NFC'));

    const comment = '👍 same here — \u202Eright-to-left\u202C';
    await t.api(USERS.jo).post(`/requests/${created.body.key}/comments`, {
      body: comment,
    });
    const comments = await t
      .api(USERS.jo)
      .get(`/requests/${created.body.key}/comments`);
    expect(comments.body.items[0].body).toBe(comment);

    const found = await t
      .api(USERS.sam)
      .get(`/requests?q=${encodeURIComponent('עברית')}`);
    expect(found.body.items.map((r: any) => r.key)).toContain(created.body.key);
  });

  describe('reading', () => {
    it('answers 404 for a request that does not exist and 400 for a bad key', async () => {
      expect((await t.api(USERS.sam).get('/requests/REQ-999999')).status).toBe(
        404,
      );
      const bad = await t.api(USERS.sam).get('/requests/REQ-1%27%20OR%201=1');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^key: must be a request key/);
    });

    it('serves the configuration the UI needs', async () => {
      const res = await t.api(USERS.sam).get('/config');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        urgencies: ['low', 'medium', 'high', 'critical'],
        platformTeam: TEAMS.platform,
        reopenWindowDays: 14,
        priorityWeights: { votes: 20, teams: 25 },
        sla: { critical: { triageHours: 4, resolveHours: 72 } },
      });
      expect(res.body.categories.map((c: any) => c.id)).toContain('pain-point');
    });

    it('says whether the platform team is in the catalog, pending before the first check', async () => {
      const res = await t.api(USERS.sam).get('/platform-team');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ref: TEAMS.platform, status: 'pending' });
    });
  });

  describe('listing', () => {
    let keys: Record<string, string>;
    beforeAll(async () => {
      const mark = { tags: ['listing'] };
      keys = {
        sam: (
          await t.file(USERS.sam, {
            ...mark,
            title: 'Quota at 100% for builds',
          })
        ).key,
        samToo: (
          await t.file(USERS.sam, {
            ...mark,
            title: 'Quota at 1000 for builds',
            category: 'access',
          })
        ).key,
        jo: (
          await t.file(USERS.jo, {
            ...mark,
            title: 'Kubernetes upgrades need a runbook',
            relatedEntities: ['component:default/payments-api'],
          })
        ).key,
        alex: (
          await t.file(USERS.alex, {
            ...mark,
            title: 'Docs search misses ADRs',
            urgency: 'critical',
          })
        ).key,
      };
      await t.move(keys.jo, 'triaged');
    });

    const keysOf = (res: { body: any }) =>
      res.body.items.map((r: any) => r.key).sort();

    it.each([
      ['status=triaged', ['jo']],
      ['category=access', ['samToo']],
      ['urgency=critical', ['alex']],
      [`urgency=critical&team=${TEAMS.checkout}`, ['alex']],
      [`urgency=critical&team=${TEAMS.payments}`, []],
      [`team=${TEAMS.payments}`, ['jo']],
      ['entity=component:default/payments-api', ['jo']],
      ['mine=true', ['sam', 'samToo']],
      ['q=runbook', ['jo']],
      ['q=kubernetes%20runbook', ['jo']],
      ['q=100%25', ['sam']],
      ['q=_', []],
      [`q=${encodeURIComponent("' OR 1=1 --")}`, []],
      [
        `status=new,triaged&category=pain-point&team=${TEAMS.checkout}`,
        ['alex', 'sam'],
      ],
    ])('filters by %s', async (query, expected) => {
      const res = await t.api(USERS.sam).get(`/requests?${query}&limit=100`);
      expect(res.status).toBe(200);
      const mine = new Set(Object.values(keys));
      expect(
        res.body.items
          .map((r: any) => r.key)
          .filter((k: string) => mine.has(k))
          .sort(),
      ).toEqual(expected.map(name => keys[name]).sort());
    });

    it('counts every match over all pages', async () => {
      const onePage = await t
        .api(USERS.sam)
        .get('/requests?status=new,triaged&limit=1');
      const all = await t
        .api(USERS.sam)
        .get('/requests?status=new,triaged&limit=100');
      expect(onePage.body.items).toHaveLength(1);
      expect(all.body.items.length).toBeGreaterThan(1);
      expect(all.body.nextCursor).toBeNull();
      expect(onePage.body.total).toBe(all.body.items.length);
      expect(all.body.total).toBe(all.body.items.length);
      const none = await t
        .api(USERS.sam)
        .get('/requests?q=nothing-matches-this');
      expect(none.body).toMatchObject({ items: [], total: 0 });
    });

    it('finds what a user watches, and sorts by votes', async () => {
      await t.api(USERS.jo).post(`/requests/${keys.alex}/votes`);
      const watching = await t
        .api(USERS.jo)
        .get('/requests?watching=true&limit=100');
      const listed = new Set(Object.values(keys));
      expect(keysOf(watching).filter((k: string) => listed.has(k))).toEqual(
        [keys.alex, keys.jo].sort(),
      );
      const byVotes = await t
        .api(USERS.jo)
        .get('/requests?sort=-votes&limit=1');
      expect(byVotes.body.items[0].key).toBe(keys.alex);
    });

    it('pages with a keyset cursor: no row twice, none skipped, even when rows arrive meanwhile', async () => {
      for (let i = 0; i < 5; i++)
        await t.file(USERS.alex, { title: `Paging ${i}`, tags: ['paging'] });
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: any = await t
          .api(USERS.alex)
          .get(
            `/requests?sort=created&limit=2${
              cursor ? `&cursor=${cursor}` : ''
            }`,
          );
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((r: any) => r.key));
        cursor = res.body.nextCursor;
        if (pages++ === 0)
          await t.file(USERS.alex, { title: 'Arrived meanwhile' });
      } while (cursor);
      const all = await t
        .api(USERS.alex)
        .get('/requests?sort=created&limit=100');
      expect(seen).toEqual(all.body.items.map((r: any) => r.key));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('pages by priority, ties broken by id', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: any = await t
          .api(USERS.alex)
          .get(
            `/requests?sort=-priority&limit=3${
              cursor ? `&cursor=${cursor}` : ''
            }`,
          );
        seen.push(...res.body.items.map((r: any) => r.key));
        cursor = res.body.nextCursor;
      } while (cursor);
      const all = await t
        .api(USERS.alex)
        .get('/requests?sort=-priority&limit=100');
      expect(seen).toEqual(all.body.items.map((r: any) => r.key));
      const scores = all.body.items.map((r: any) => r.priority.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    const cursorOf = (value: unknown) =>
      Buffer.from(JSON.stringify(value)).toString('base64url');

    it.each([
      ['garbled', 'not a cursor!'],
      ['not base64 JSON', 'AAAA'],
      ['forged value', cursorOf({ s: '-priority', v: '1 OR 1=1', i: 1 })],
      ['another sort', cursorOf({ s: 'created', v: 12, i: 1 })],
      [
        'a time for a number',
        cursorOf({ s: '-priority', v: '2026-01-01T00:00:00.000Z', i: 1 }),
      ],
      ['extra keys', cursorOf({ s: '-priority', v: 1, i: 1, sql: 'x' })],
    ])('refuses a %s cursor with 400', async (_what, cursor) => {
      const res = await t
        .api(USERS.sam)
        .get(`/requests?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^cursor: /);
    });

    it.each([
      ['sort=priority;DROP TABLE requests', /^sort: /],
      ['sort=title', /^sort: /],
      ['sort[$ne]=x', /^sort: /],
      ["status=new'--", /^status\.0: /],
      [
        `team=${encodeURIComponent("group:default/x' OR '1'='1")}`,
        /^team\.0: /,
      ],
      ['category=access%27%20OR%201%3D1', /^category: /],
      ['urgency=urgent', /^urgency\.0: /],
      ['urgency=low,CRITICAL', /^urgency\.1: /],
      ['limit=1000', /^limit: /],
      ['limit=ten', /^limit: /],
      ['orderBy=id', /^orderBy: unknown parameter/],
      ['mine=maybe', /^mine: /],
    ])('refuses %s with 400 naming the parameter', async (query, message) => {
      const res = await t.api(USERS.sam).get(`/requests?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      // The table is still there.
      expect((await t.api(USERS.sam).get('/requests')).status).toBe(200);
    });

    it('needs a user for mine and watching', async () => {
      const res = await t.api('service').get('/requests?mine=true');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('mine: needs a signed-in user');
    });
  });

  describe('suggestions', () => {
    it('offers up to five open requests with similar titles, best first', async () => {
      const k8s = await t.file(USERS.jo, {
        title: 'Cluster upgrades are slow and risky',
      });
      const closed = await t.file(USERS.jo, {
        title: 'Cluster upgrades are slow',
      });
      await t.move(closed.key, 'declined', { reason: 'see the other one' });
      const res = await t
        .api(USERS.sam)
        .get(
          `/suggestions?title=${encodeURIComponent('cluster upgrade slow')}`,
        );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(5);
      expect(res.body.items[0].key).toBe(k8s.key);
      expect(res.body.items.map((r: any) => r.key)).not.toContain(closed.key);
    });

    it('needs a title of three characters or more', async () => {
      const res = await t.api(USERS.sam).get('/suggestions?title=ab');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^title: /);
    });
  });
});
