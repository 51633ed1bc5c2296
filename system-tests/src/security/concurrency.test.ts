/*
 * Concurrency, end to end: two backend processes on one PostgreSQL database,
 * as two replicas would run, and three people signed in for real through
 * the demo OpenID provider: two triagers of the platform team (priya.nair,
 * tomas.lindqvist) and the requester (sam.rivera). Racing changes go
 * through both processes at once, so row locks, versions and the KPI
 * ingestion lock are tested across processes, not only inside one.
 *
 * The plugin-level race of three identical KPI batches (platform-kpis
 * router.test.ts) runs in one process; here the batches arrive at two.
 */
import {
  DemoOidcProvider,
  dropDatabasesWithPrefix,
  eventually,
  freePort,
  newPostgresPrefix,
  oidcToken,
  PortalProcess,
  startDemoOidc,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';
import {
  isOpen,
  REQUEST_STATUSES,
  RequestStatus,
} from '@internal/plugin-platform-requests-common';

jest.setTimeout(300_000);

const PRIYA = 'user:default/priya.nair';
const TOMAS = 'user:default/tomas.lindqvist';
const INGEST_TOKEN = 'local-kpi-ingest-token';
const ROUNDS = 6;

type Answer = { status: number; json: any; etag: string | null };

describe('concurrent changes, end to end on two portals sharing PostgreSQL', () => {
  const prefix = newPostgresPrefix();
  let oidc: DemoOidcProvider;
  let platform: PortalProcess;
  let requester: PortalProcess;
  let priya: string;
  let tomas: string;
  let sam: string;
  /** Every request the tests filed, for the final count. */
  const filed: string[] = [];

  beforeAll(async () => {
    const ports = [await freePort(), await freePort()];
    oidc = await startDemoOidc({ portalPorts: ports });
    const start = (port: number) =>
      startPortal({
        port,
        database: 'postgres',
        postgresPrefix: prefix,
        keepDatabases: true,
        config: oidc.portalConfig(),
      });
    // One after the other: the second starts on the database the first set up.
    platform = await start(ports[0]);
    await waitForDemoCatalog(platform.baseUrl);
    requester = await start(ports[1]);
    await waitForDemoCatalog(requester.baseUrl);
    // Tokens of either process are good on both (one auth database).
    priya = await oidcToken(platform.baseUrl, 'priya.nair');
    tomas = await oidcToken(requester.baseUrl, 'tomas.lindqvist');
    sam = await oidcToken(requester.baseUrl, 'sam.rivera');
  });
  afterAll(async () => {
    await platform?.stop();
    await requester?.stop();
    await oidc?.stop();
    await dropDatabasesWithPrefix(prefix);
  });

  async function call(
    portal: PortalProcess,
    token: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const res = await fetch(`${portal.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = {
      status: res.status,
      json: await res.json(),
      etag: res.headers.get('etag'),
    };
    // Whatever the race, never a server error.
    const serverError = answer.status >= 500 ? answer.json : undefined;
    expect({ method, path, serverError }).toEqual({ method, path });
    return answer;
  }

  /** A triager (priya unless said) through either process. */
  const triager = (portal: PortalProcess, token = priya) => ({
    patch: (key: string, body: unknown, version: number) =>
      call(
        portal,
        token,
        'PATCH',
        `/api/platform-requests/requests/${key}`,
        body,
        {
          'If-Match': `"${version}"`,
        },
      ),
    move: (key: string, body: object, version?: number) =>
      call(
        portal,
        token,
        'POST',
        `/api/platform-requests/requests/${key}/transitions`,
        body,
        version === undefined ? {} : { 'If-Match': `"${version}"` },
      ),
  });

  /** sam, the requester: reopens and rates through either process. */
  const requesterVia = (portal: PortalProcess) => ({
    reopen: (key: string) =>
      call(
        portal,
        sam,
        'POST',
        `/api/platform-requests/requests/${key}/transitions`,
        { to: 'new', comment: 'Still happening' },
      ),
    rate: (key: string) =>
      call(
        portal,
        sam,
        'POST',
        `/api/platform-requests/requests/${key}/rating`,
        {
          score: 4,
        },
      ),
  });

  async function file(title: string) {
    const res = await call(
      requester,
      sam,
      'POST',
      '/api/platform-requests/requests',
      {
        title,
        description: 'Filed by the concurrency tests.',
        category: 'pain-point',
        urgency: 'medium',
        impact: { peopleAffected: 5, hoursLostPerWeek: 3 },
      },
    );
    expect(res.status).toBe(201);
    filed.push(res.json.key);
    return res.json;
  }

  const read = async (key: string) =>
    (
      await call(
        platform,
        priya,
        'GET',
        `/api/platform-requests/requests/${key}`,
      )
    ).json;
  const timeline = async (key: string) =>
    (
      await call(
        requester,
        sam,
        'GET',
        `/api/platform-requests/requests/${key}/timeline`,
      )
    ).json.items as Array<{ type: string; details: any }>;

  /**
   * What must hold whatever order the racers took: the version counts every
   * accepted change once, the timeline's status changes chain from `new` to
   * the current status, and the fields that belong to a status agree with it.
   */
  async function expectConsistent(
    key: string,
    accepted: { changes: number; transitions: number; ratings: number },
  ) {
    const request = await read(key);
    expect(REQUEST_STATUSES).toContain(request.status);
    expect(request.version).toBe(1 + accepted.changes);
    const entries = await timeline(key);
    const moves = entries.filter(e => e.type === 'status-changed');
    expect(moves).toHaveLength(accepted.transitions);
    let status: RequestStatus = 'new';
    for (const move of moves) {
      expect(move.details.from).toBe(status);
      status = move.details.to;
    }
    expect(status).toBe(request.status);
    expect(entries.filter(e => e.type === 'rated')).toHaveLength(
      accepted.ratings,
    );
    if (isOpen(request.status)) {
      expect(request.rating).toBeNull();
      expect(request.declineReason).toBeNull();
      expect(request.sla.resolve.metAt).toBeUndefined();
    } else {
      expect(request.sla.resolve.metAt).toBeDefined();
    }
    if (request.status === 'declined') {
      expect(request.declineReason).not.toBeNull();
    }
    return request;
  }

  it('lets a triager signed in on one portal act through the other', async () => {
    const probe = await file('Cross-portal sign-in probe');
    const moved = await triager(requester).move(probe.key, { to: 'triaged' });
    expect(moved.status).toBe(200);
    await expectConsistent(probe.key, {
      changes: 1,
      transitions: 1,
      ratings: 0,
    });
  });

  it('two triagers editing one request with the same If-Match: one 200, one 412, and the winner’s edit stands whole', async () => {
    const { key } = await file('Two triagers edit this');
    let version = 1;
    let assignee: string | null = null;
    let assignments = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const edits = [
        { title: `Round ${round}: Priya's wording`, assignee: PRIYA },
        { title: `Round ${round}: Tomas's wording`, assignee: TOMAS },
      ];
      const answers = await Promise.all([
        triager(platform).patch(key, edits[0], version),
        triager(requester, tomas).patch(key, edits[1], version),
      ]);
      expect(answers.map(a => a.status).sort()).toEqual([200, 412]);
      const winner = answers.findIndex(a => a.status === 200);
      expect(answers[1 - winner].json.error.message).toContain(
        'has changed meanwhile',
      );
      expect(answers[winner].etag).toBe(`"${version + 1}"`);

      const now = await read(key);
      expect(now.version).toBe(version + 1);
      // Both fields from the winner: no mix of the two edits.
      expect({ title: now.title, assignee: now.assignee }).toEqual(
        edits[winner],
      );
      if (now.assignee !== assignee) assignments++;
      assignee = now.assignee;
      version++;
    }
    const entries = await timeline(key);
    expect(entries.filter(e => e.type === 'edited')).toHaveLength(ROUNDS);
    expect(entries.filter(e => e.type === 'assigned')).toHaveLength(
      assignments,
    );
  });

  it('two triagers moving one request with the same If-Match: one 200, one 412; without it the second move is a 409', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { key } = await file(`Two triagers move this, round ${round}`);
      const moves = [
        { to: 'triaged' },
        { to: 'declined', reason: 'Out of scope for the platform' },
      ];
      const answers = await Promise.all([
        triager(platform).move(key, moves[0], 1),
        triager(requester, tomas).move(key, moves[1], 1),
      ]);
      expect(answers.map(a => a.status).sort()).toEqual([200, 412]);
      const winner = answers.findIndex(a => a.status === 200);
      const request = await expectConsistent(key, {
        changes: 1,
        transitions: 1,
        ratings: 0,
      });
      expect(request.status).toBe(moves[winner].to);
    }

    const { key } = await file('Two triagers triage this without If-Match');
    const answers = await Promise.all([
      triager(platform).move(key, { to: 'triaged' }),
      triager(requester, tomas).move(key, { to: 'triaged' }),
    ]);
    expect(answers.map(a => a.status).sort()).toEqual([200, 409]);
    expect(answers.find(a => a.status === 409)!.json.error.message).toBe(
      'cannot move a triaged request to triaged; allowed: planned, declined, duplicate',
    );
    await expectConsistent(key, { changes: 1, transitions: 1, ratings: 0 });
  });

  it('two triagers marking two requests duplicates of each other at once: one wins, the other gets a 400, never a 500', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const a = await file(`Duplicate pair ${round}, first`);
      const b = await file(`Duplicate pair ${round}, second`);
      const answers = await Promise.all([
        triager(platform).move(a.key, { to: 'duplicate', duplicateOf: b.key }),
        triager(requester, tomas).move(b.key, {
          to: 'duplicate',
          duplicateOf: a.key,
        }),
      ]);
      expect(answers.map(x => x.status).sort()).toEqual([200, 400]);
      // Whoever moved first made their request the duplicate.
      const [first, second] = answers[0].status === 200 ? [a, b] : [b, a];
      const refused = answers.find(x => x.status === 400)!;
      expect(refused.json.error.message).toBe(
        `duplicateOf: ${first.key} is duplicate; the original must be open or done`,
      );
      const duplicate = await expectConsistent(first.key, {
        changes: 1,
        transitions: 1,
        ratings: 0,
      });
      expect(duplicate).toMatchObject({
        status: 'duplicate',
        duplicateOf: second.key,
      });
      const original = await expectConsistent(second.key, {
        changes: 0,
        transitions: 0,
        ratings: 0,
      });
      expect(original.status).toBe('new');
    }
  });

  it('three concurrent posts of one KPI event batch, to two processes, store each event once', async () => {
    const service = 'component:default/checkout-api';
    const until = new Date(Date.now() - 30 * 86_400_000);
    until.setUTCHours(0, 0, 0, 0);
    const at = (minutes: number) =>
      new Date(
        until.getTime() - 2 * 86_400_000 + minutes * 60_000,
      ).toISOString();
    const deployment = (id: string, minutes: number) => ({
      id,
      type: 'deployment',
      entityRef: service,
      environment: 'production',
      status: 'success',
      startedAt: at(minutes - 5),
      finishedAt: at(minutes),
    });
    const ingest = (portal: PortalProcess, events: unknown[]) =>
      call(portal, INGEST_TOKEN, 'POST', '/api/platform-kpis/events', {
        events,
      });
    // Both processes know checkout-api once the catalog has loaded it.
    for (const portal of [platform, requester]) {
      await eventually(async () => {
        const res = await ingest(portal, [
          deployment(`warm-up-${portal.port}`, -3000),
        ]);
        return res.status === 200;
      });
    }

    const batch = Array.from({ length: 100 }, (_, i) =>
      deployment(`race-${i}`, i),
    );
    const answers = await Promise.all(
      [platform, requester, platform].map(portal => ingest(portal, batch)),
    );
    expect(answers.map(a => a.status)).toEqual([200, 200, 200]);
    for (const { id } of batch) {
      const outcomes = answers
        .map(a => a.json.results.find((r: any) => r.id === id).status)
        .sort();
      expect([id, outcomes]).toEqual([
        id,
        ['accepted', 'duplicate', 'duplicate'],
      ]);
    }
    const dora = await call(
      requester,
      sam,
      'GET',
      `/api/platform-kpis/dora?service=${service}&window=7d&until=${until.toISOString()}`,
    );
    // The batch plus the two warm-ups, each once.
    expect(dora.json.metrics.deploymentFrequency.deployments).toBe(
      batch.length + 2,
    );
  });

  /**
   * One request through three races, each checked for consistency after it.
   * Odd rounds close by declining, even ones by finishing the work.
   */
  async function closeAndReopenRaces(round: number) {
    const { key } = await file(`Close and reopen race ${round}`);
    const accepted = { changes: 0, transitions: 0, ratings: 0 };
    const count = (answer: Answer, kind: 'transitions' | 'ratings') => {
      if (answer.status !== 200) return;
      accepted.changes++;
      accepted[kind]++;
    };
    const closing: RequestStatus = round % 2 ? 'declined' : 'done';
    const close = () =>
      triager(platform).move(
        key,
        closing === 'done'
          ? { to: 'done' }
          : { to: 'declined', reason: 'Not planned this year' },
      );
    /** The team moves the request along the main path up to (not into) closed. */
    const walkToClosing = async () => {
      const path: RequestStatus[] =
        closing === 'done'
          ? ['triaged', 'planned', 'in_progress']
          : ['triaged'];
      for (const to of path) {
        const answer = await triager(platform).move(key, { to });
        expect([to, answer.status]).toEqual([to, 200]);
        count(answer, 'transitions');
      }
    };

    // 1. The team closes an open request while its requester reopens it:
    //    the reopen works only if the close came first.
    await walkToClosing();
    const [reopen, closed] = await Promise.all([
      requesterVia(requester).reopen(key),
      close(),
    ]);
    expect(closed.status).toBe(200);
    expect([200, 409]).toContain(reopen.status);
    count(closed, 'transitions');
    count(reopen, 'transitions');
    let request = await expectConsistent(key, accepted);
    expect(request.status).toBe(reopen.status === 200 ? 'new' : closing);

    // 2. Requester and team both reopen a closed request: one of them does.
    if (request.status === 'new') {
      await walkToClosing();
      const answer = await close();
      expect(answer.status).toBe(200);
      count(answer, 'transitions');
    }
    const reopens = await Promise.all([
      requesterVia(requester).reopen(key),
      triager(platform).move(key, { to: 'new' }),
    ]);
    expect(reopens.map(a => a.status).sort()).toEqual([200, 409]);
    reopens.forEach(a => count(a, 'transitions'));
    request = await expectConsistent(key, accepted);
    expect(request.status).toBe('new');

    // 3. The requester rates a done request and reopens it at once (from
    //    two processes): whichever came first, no rating survives a reopen.
    for (const to of ['triaged', 'planned', 'in_progress', 'done']) {
      const answer = await triager(platform).move(key, { to });
      expect([to, answer.status]).toEqual([to, 200]);
      count(answer, 'transitions');
    }
    const [rating, again] = await Promise.all([
      requesterVia(platform).rate(key),
      requesterVia(requester).reopen(key),
    ]);
    expect(again.status).toBe(200);
    expect([200, 409]).toContain(rating.status);
    count(again, 'transitions');
    count(rating, 'ratings');
    request = await expectConsistent(key, accepted);
    expect(request.rating).toBeNull();
    return request.status;
  }

  it('a requester’s reopen racing the platform team’s close, reopen or the requester’s own rating leaves a valid state, many times', async () => {
    const finalStatuses = [];
    for (let round = 0; round < ROUNDS; round++) {
      finalStatuses.push(await closeAndReopenRaces(round));
    }
    // Each round ends with the requester's reopen.
    expect(finalStatuses).toEqual(Array(ROUNDS).fill('new'));
  });

  it('lost and created no request in any race, and left every one in a legal state', async () => {
    const listed: any[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer = await call(
        platform,
        priya,
        'GET',
        `/api/platform-requests/requests?sort=created&limit=100${
          cursor ? `&cursor=${cursor}` : ''
        }`,
      );
      listed.push(...page.json.items);
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(listed.map(r => r.key).sort()).toEqual([...filed].sort());
    for (const request of listed) {
      expect(REQUEST_STATUSES).toContain(request.status);
      const moves = (await timeline(request.key)).filter(
        e => e.type === 'status-changed',
      );
      expect([request.key, moves.at(-1)?.details.to ?? 'new']).toEqual([
        request.key,
        request.status,
      ]);
    }
  });
});
