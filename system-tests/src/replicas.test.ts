/*
 * Two replicas of the whole backend on one PostgreSQL, as production would
 * run them behind a load balancer: both processes share the plugin
 * databases and one base URL (a small round-robin balancer in this test,
 * which tries the other replica when one refuses connections). Proves:
 * tokens signed by one replica are accepted by the other, writes through
 * either are read by both, the KPI collectors are global scheduled tasks
 * (one task in the shared database, claimed by one replica per run) rather
 * than one per replica, and killing
 * one replica mid-stream loses no write it had accepted.
 */
import {
  catalogComponents,
  countRows,
  dropDatabasesWithPrefix,
  engines,
  eventually,
  freePort,
  guestToken,
  newPostgresPrefix,
  PortalProcess,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';
import crypto from 'node:crypto';
import { LoadBalancer, startLoadBalancer } from './__testUtils__/proxy';

jest.setTimeout(600_000);

const INGEST_TOKEN = 'local-kpi-ingest-token';
const COLLECTOR_INTERVAL_SECONDS = 4;
const COLLECTOR_TASKS = [
  'platform-kpis-collect-catalog',
  'platform-kpis-collect-template-runs',
  'platform-kpis-collect-requests',
];

const runOnPostgres = engines.includes('postgres') ? describe : describe.skip;

/** Two distinct free ports. */
async function twoPorts(): Promise<[number, number]> {
  const first = await freePort();
  let second = await freePort();
  while (second === first) second = await freePort();
  return [first, second];
}

function call(
  baseUrl: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function newRequest(title: string) {
  return {
    title,
    description: 'Filed by the replica test.',
    category: 'new-capability',
    urgency: 'medium',
    impact: { peopleAffected: 3, hoursLostPerWeek: 2 },
  };
}

function deployment(id: string, entityRef: string) {
  const finishedAt = Date.now() - 60_000;
  return {
    events: [
      {
        id,
        type: 'deployment',
        entityRef,
        environment: 'production',
        status: 'success',
        startedAt: new Date(finishedAt - 60_000).toISOString(),
        finishedAt: new Date(finishedAt).toISOString(),
      },
    ],
  };
}

function jwtPart(token: string, index: 0 | 1): any {
  return JSON.parse(
    Buffer.from(token.split('.')[index], 'base64url').toString(),
  );
}

/** When each collector finished a run, from a replica's info log. */
function collectorRuns(output: string): Array<{ task: string; at: number }> {
  const runs: Array<{ task: string; at: number }> = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: { message?: string; timestamp?: string };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    const task = COLLECTOR_TASKS.find(
      id =>
        entry.message?.startsWith(`${id}: `) ||
        entry.message?.startsWith(`${id} failed`),
    );
    if (task && entry.timestamp) {
      runs.push({ task, at: Date.parse(entry.timestamp) });
    }
  }
  return runs;
}

runOnPostgres('two backend replicas on one PostgreSQL', () => {
  const prefix = newPostgresPrefix();
  const marker = `replica${crypto.randomBytes(3).toString('hex')}`;
  let balancer: LoadBalancer;
  let a: PortalProcess;
  let b: PortalProcess;
  let portB: number;

  beforeAll(async () => {
    let portA: number;
    [portA, portB] = await twoPorts();
    balancer = await startLoadBalancer([portA, portB]);
    const shared = {
      database: 'postgres' as const,
      postgresPrefix: prefix,
      // The test drops the shared databases once both have stopped.
      keepDatabases: true,
      config: {
        app: { baseUrl: balancer.url },
        backend: { baseUrl: balancer.url },
        platformKpis: { collectorIntervalSeconds: COLLECTOR_INTERVAL_SECONDS },
      },
      // The collectors log each run at info.
      env: { LOG_LEVEL: 'info' },
    };
    // One after the other: the first runs the migrations on the new databases.
    a = await startPortal({ ...shared, port: portA });
    b = await startPortal({ ...shared, port: portB });
    await waitForDemoCatalog(a.baseUrl);
    await waitForDemoCatalog(b.baseUrl);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await balancer?.close();
    await dropDatabasesWithPrefix(prefix);
  });

  it('accepts on each replica the user tokens the other signed', async () => {
    const fromA = await guestToken(a.baseUrl);
    const fromB = await guestToken(b.baseUrl);
    // Both sign as the one base URL the users see.
    expect(jwtPart(fromA, 1).iss).toBe(`${balancer.url}/api/auth`);
    expect(jwtPart(fromB, 1).iss).toBe(`${balancer.url}/api/auth`);

    for (const [portal, token] of [
      [b, fromA],
      [a, fromB],
    ] as const) {
      const res = await call(
        portal.baseUrl,
        '/api/platform-requests/requests',
        token,
      );
      expect(res.status).toBe(200);
    }

    // A token with a changed subject keeps A's signature, which no longer
    // matches: both refuse it, so the acceptance above was a real check.
    const [header, , signature] = fromA.split('.');
    const payload = {
      ...jwtPart(fromA, 1),
      sub: 'user:default/priya.nair',
    };
    const forged = [
      header,
      Buffer.from(JSON.stringify(payload)).toString('base64url'),
      signature,
    ].join('.');
    for (const portal of [a, b]) {
      const res = await call(
        portal.baseUrl,
        '/api/platform-requests/requests',
        forged,
      );
      expect(res.status).toBe(401);
    }
    console.log(
      `signing keys: replica A ${jwtPart(fromA, 0).kid}, replica B ${
        jwtPart(fromB, 0).kid
      }`,
    );
  });

  it('reads on each replica what was written through the other', async () => {
    const tokenA = await guestToken(a.baseUrl);
    const tokenB = await guestToken(b.baseUrl);

    const created = await call(
      a.baseUrl,
      '/api/platform-requests/requests',
      tokenA,
      newRequest(`${marker}: shared preview environments`),
    );
    expect(created.status).toBe(201);
    const { key } = await created.json();

    const readOnB = await call(
      b.baseUrl,
      `/api/platform-requests/requests/${key}`,
      tokenB,
    );
    expect(readOnB.status).toBe(200);
    expect((await readOnB.json()).title).toBe(
      `${marker}: shared preview environments`,
    );

    const voted = await call(
      b.baseUrl,
      `/api/platform-requests/requests/${key}/votes`,
      tokenB,
      {},
    );
    expect(voted.status).toBe(200);
    const readOnA = await (
      await call(a.baseUrl, `/api/platform-requests/requests/${key}`, tokenA)
    ).json();
    expect(readOnA.votes).toMatchObject({ count: 1, mine: true });

    const id = `${marker}-shared-deployment`;
    const ingested = await eventually(async () => {
      const res = await call(
        a.baseUrl,
        '/api/platform-kpis/events',
        INGEST_TOKEN,
        deployment(id, 'component:default/checkout-api'),
      );
      // Until A's KPI plugin has read the demo catalog, the service is unknown.
      expect(res.status).toBe(200);
      return res.json();
    });
    expect(ingested.results).toEqual([{ id, status: 'accepted' }]);
    const recent = await (
      await call(
        b.baseUrl,
        '/api/platform-kpis/events?service=component:default/checkout-api&limit=100',
        tokenB,
      )
    ).json();
    expect(recent.items.map((e: { id: string }) => e.id)).toContain(id);
  });

  it('runs each KPI collector as one task both replicas share, not once per replica', async () => {
    // Outcomes, not a count against the clock: each collector has run (on
    // whichever replica claimed it) more than once ...
    const runs = () => [
      ...collectorRuns(a.output()),
      ...collectorRuns(b.output()),
    ];
    await eventually(
      async () =>
        COLLECTOR_TASKS.every(
          task => runs().filter(r => r.task === task).length >= 2,
        ),
      300_000,
    );
    // ... and is scheduled through the database both share: one row per
    // collector in the scheduler's task table, which a replica must claim
    // before a run. A task scoped to one replica has no row there and runs
    // on every replica at its own pace.
    const shared = await countRows(
      { engine: 'postgres', prefix },
      'platform-kpis',
      `select count(*) as n from backstage_backend_tasks__tasks where id in (${COLLECTOR_TASKS.map(
        () => '?',
      ).join(', ')})`,
      COLLECTOR_TASKS,
    );
    expect(shared).toBe(COLLECTOR_TASKS.length);
  });

  it('loses no accepted write when one replica is killed mid-stream', async () => {
    const token = await guestToken(balancer.url);
    const services = (await catalogComponents(balancer.url, token)).slice(0, 4);
    expect(services).toHaveLength(4);
    const killMarker = `${marker}k`;
    const WRITES = 240;
    const KILL_AFTER = 80;

    type Outcome = {
      kind: 'request' | 'event';
      id: string;
      status: number | 'no answer';
      sentAfterKill: boolean;
    };
    const outcomes: Outcome[] = [];
    let killed = false;
    let next = 0;
    const write = async (n: number): Promise<Outcome> => {
      const sentAfterKill = killed;
      // Two of each in turn: the balancer alternates replicas, so both
      // replicas get both kinds.
      const isRequest = n % 4 < 2;
      try {
        const res = isRequest
          ? await call(
              balancer.url,
              '/api/platform-requests/requests',
              token,
              newRequest(`${killMarker} #${n}`),
            )
          : await call(
              balancer.url,
              '/api/platform-kpis/events',
              INGEST_TOKEN,
              deployment(`${killMarker}-${n}`, services[n % services.length]),
            );
        const body = await res.json().catch(() => ({}));
        return {
          kind: isRequest ? 'request' : 'event',
          id: isRequest ? body.key ?? `#${n}` : `${killMarker}-${n}`,
          status: res.status,
          sentAfterKill,
        };
      } catch {
        return {
          kind: isRequest ? 'request' : 'event',
          id: `#${n}`,
          status: 'no answer',
          sentAfterKill,
        };
      }
    };
    // Four writers through the balancer; B is killed (SIGKILL: no shutdown)
    // once KILL_AFTER writes have been answered, at a moment when B holds
    // writes it has been sent and not yet answered: mid-request.
    const writer = async () => {
      while (next < WRITES) outcomes.push(await write(next++));
    };
    let inFlightOnBAtKill = 0;
    const killer = async () => {
      while (
        next < WRITES &&
        (outcomes.length < KILL_AFTER || balancer.stats.inFlight[portB] === 0)
      ) {
        await new Promise(r => setTimeout(r, 1));
      }
      inFlightOnBAtKill = balancer.stats.inFlight[portB];
      b.child.kill('SIGKILL');
      await b.exited;
      killed = true;
    };
    await Promise.all([writer(), writer(), writer(), writer(), killer()]);

    const accepted = outcomes.filter(o => o.status === 201 || o.status === 200);
    const failed = outcomes.filter(o => !accepted.includes(o));
    console.log(
      `kill test: ${outcomes.length} writes, ${accepted.length} accepted, ${
        failed.length
      } failed (${JSON.stringify(
        failed.map(f => `${f.kind} ${f.status}`),
      )}); ${inFlightOnBAtKill} in flight on B at the kill; balancer ${JSON.stringify(
        balancer.stats,
      )}`,
    );
    expect(b.child.signalCode).toBe('SIGKILL');
    // The kill caught B with writes in flight, which is what makes it a test
    // of the transactions and not only of the balancer.
    expect(inFlightOnBAtKill).toBeGreaterThan(0);
    // Once B was gone, the balancer sent everything to A, and A took it.
    expect(outcomes.filter(o => o.sentAfterKill).length).toBeGreaterThan(100);
    expect(failed.filter(o => o.sentAfterKill)).toEqual([]);

    // Every accepted request is there, through the API of the survivor and
    // in the database; a failed one may or may not have been stored.
    const requests = accepted.filter(o => o.kind === 'request');
    for (const { id } of requests) {
      const res = await call(
        balancer.url,
        `/api/platform-requests/requests/${id}`,
        token,
      );
      expect(res.status).toBe(200);
    }
    const storedRequests = await countRows(
      { engine: 'postgres', prefix },
      'platform-requests',
      'select count(*) as n from requests where title like ?',
      [`${killMarker} #%`],
    );
    expect(storedRequests).toBeGreaterThanOrEqual(requests.length);
    expect(storedRequests).toBeLessThanOrEqual(
      requests.length + failed.filter(o => o.kind === 'request').length,
    );

    const events = accepted.filter(o => o.kind === 'event');
    const listed = new Set<string>();
    for (const service of services) {
      const body = await (
        await call(
          balancer.url,
          `/api/platform-kpis/events?type=deployment&limit=100&service=${service}`,
          token,
        )
      ).json();
      for (const item of body.items) listed.add(item.id);
    }
    expect(events.filter(e => !listed.has(e.id))).toEqual([]);
    const storedEvents = await countRows(
      { engine: 'postgres', prefix },
      'platform-kpis',
      'select count(*) as n from kpi_deployments where id like ?',
      [`${killMarker}-%`],
    );
    expect(storedEvents).toBeGreaterThanOrEqual(events.length);
    expect(storedEvents).toBeLessThanOrEqual(
      events.length + failed.filter(o => o.kind === 'event').length,
    );
    console.log(
      `kill test: of the ${failed.length} failed writes, ${
        storedRequests - requests.length + storedEvents - events.length
      } were stored all the same`,
    );
  });
});
