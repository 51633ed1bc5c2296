/*
 * The real backend on a PostgreSQL cluster of the test's own, while the
 * database fails under it:
 *
 * - PostgreSQL stops (fast shutdown), stays down, and starts again; and it
 *   crashes and restarts (immediate shutdown) — while requests are filed,
 *   commented on, KPI batches posted and lists read. Every response is 2xx
 *   or a 503 with Retry-After (never a 500, never a hang), every write that
 *   was acknowledged is stored, nothing is stored half, and the same backend
 *   process serves again once PostgreSQL is back.
 * - The platform-requests pool is exhausted (its table locked from outside,
 *   so its pooled connections wait): the callers without a connection get a
 *   503 once knex's acquire timeout of the production config has passed, not
 *   when the lock goes; other plugins keep answering; and once the lock is
 *   released, the pool serves again.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  engines,
  eventually,
  guestToken,
  newPostgresPrefix,
  PortalProcess,
  repoRoot,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';
import { Client } from 'pg';
import YAML from 'yaml';
import {
  PrivatePostgres,
  privatePostgresAvailableOrSkip,
} from './__testUtils__/privatePostgres';
import { checkWriteIntegrity } from './__testUtils__/writeIntegrity';
import {
  Outcome,
  REQUEST_TIMEOUT_MS,
  tally,
  WriteTraffic,
} from './__testUtils__/writeTraffic';

jest.setTimeout(900_000);

const canRun =
  engines.includes('postgres') &&
  privatePostgresAvailableOrSkip(
    'database fault tests (a private PostgreSQL cluster)',
  );

/** knex's acquire timeout as app-config.production.yaml sets it. */
function productionAcquireTimeoutMs(): number {
  const config = YAML.parse(
    fs.readFileSync(path.join(repoRoot, 'app-config.production.yaml'), 'utf8'),
  );
  const ms = config.backend.database.knexConfig?.acquireConnectionTimeout;
  if (typeof ms !== 'number') {
    throw new Error(
      'app-config.production.yaml sets no backend.database.knexConfig.acquireConnectionTimeout',
    );
  }
  return ms;
}

/** Responses that break the contract: anything but 2xx or a proper 503. */
function contractBreaches(outcomes: Outcome[]): Outcome[] {
  return outcomes.filter(o => {
    if (typeof o.status !== 'number') return true;
    if (o.status >= 200 && o.status < 300) return false;
    return !(
      o.status === 503 &&
      o.retryAfter === '5' &&
      o.errorName === 'ServiceUnavailableError'
    );
  });
}

(canRun ? describe : describe.skip)('database faults on PostgreSQL', () => {
  let pg: PrivatePostgres;
  let portal: PortalProcess;
  let user: string;
  const prefix = newPostgresPrefix();

  beforeAll(async () => {
    pg = await PrivatePostgres.create();
    portal = await startPortal({
      database: 'postgres',
      postgres: pg.connection,
      postgresPrefix: prefix,
      config: {
        backend: {
          database: {
            knexConfig: {
              acquireConnectionTimeout: productionAcquireTimeoutMs(),
            },
          },
        },
      },
      readyTimeoutMs: 300_000,
    });
    await waitForDemoCatalog(portal.baseUrl, 240_000);
    user = await guestToken(portal.baseUrl);
  });

  afterAll(async () => {
    if (pg && !(await pg.isRunning())) await pg.start();
    await portal?.stop();
    await pg?.remove();
  });

  function expectBackendAlive() {
    expect({
      exitCode: portal.child.exitCode,
      signal: portal.child.signalCode,
    }).toEqual({ exitCode: null, signal: null });
  }

  async function readiness(): Promise<number | 'hang'> {
    try {
      const res = await fetch(
        `${portal.baseUrl}/.backstage/health/v1/readiness`,
        { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
      );
      return res.status;
    } catch {
      return 'hang';
    }
  }

  /** Until a read and a write of each plugin succeed again. */
  async function waitForRecovery(traffic: WriteTraffic, since: number) {
    await eventually(async () => {
      const after = tally(traffic.since(since));
      return (
        (after['create 201'] ?? 0) >= 2 &&
        (after['comment 201'] ?? 0) >= 2 &&
        (after['kpi 200'] ?? 0) >= 2 &&
        (after['list 200'] ?? 0) >= 2 &&
        (after['catalog 200'] ?? 0) >= 2
      );
    }, 180_000);
  }

  async function expectWritesIntact(runId: string, traffic: WriteTraffic) {
    const report = await checkWriteIntegrity({
      connection: pg.connection,
      prefix,
      runId,
      outcomes: traffic.outcomes,
    });
    // eslint-disable-next-line no-console
    console.log(
      `run ${runId}: ${JSON.stringify(tally(traffic.outcomes))}; ` +
        `comments and KPI batches answered 503 but stored whole: ${report.storedDespite503}; ` +
        `creates filed again that had been stored ("create 200"): ${
          tally(traffic.outcomes)['create 200'] ?? 0
        }`,
    );
    expect(report.lost).toEqual([]);
    expect(report.halfWritten).toEqual([]);
    // Retried with one Idempotency-Key, a request answered 503 after its
    // commit is not filed twice.
    expect(report.duplicated).toEqual([]);
  }

  it('answers 503 while PostgreSQL is down, loses no acknowledged write and serves again once it is back', async () => {
    const pid = portal.child.pid;
    const traffic = new WriteTraffic(portal.baseUrl, user, 'stop');
    traffic.start(3);
    await eventually(async () => tally(traffic.outcomes)['create 201'] >= 3);

    const stoppedAt = Date.now();
    await pg.stop('fast');
    // Down until every kind of call has met the outage.
    await eventually(async () => {
      const during = tally(traffic.since(stoppedAt));
      return ['create', 'comment', 'kpi', 'list', 'catalog'].every(
        kind => (during[`${kind} 503`] ?? 0) >= 3,
      );
    }, 180_000);
    const readyWhileDown = await readiness();
    const startedAt = Date.now();
    await pg.start();
    await waitForRecovery(traffic, startedAt);
    await traffic.stop();

    // eslint-disable-next-line no-console
    console.log(`readiness while PostgreSQL was down: ${readyWhileDown}`);
    expect(readyWhileDown).not.toBe('hang');
    expect(contractBreaches(traffic.outcomes)).toEqual([]);
    expectBackendAlive();
    expect(portal.child.pid).toBe(pid);
    await expectWritesIntact('stop', traffic);
  });

  it('survives a PostgreSQL crash and restart (immediate shutdown) under traffic', async () => {
    const traffic = new WriteTraffic(portal.baseUrl, user, 'crash');
    traffic.start(3);
    await eventually(async () => tally(traffic.outcomes)['create 201'] >= 3);

    await pg.restart('immediate');
    const restartedAt = Date.now();
    await waitForRecovery(traffic, restartedAt);
    await traffic.stop();

    expect(contractBreaches(traffic.outcomes)).toEqual([]);
    expectBackendAlive();
    await expectWritesIntact('crash', traffic);
  });

  it('answers 503 when the pool has no free connection in time, and recovers', async () => {
    const acquireTimeoutMs = productionAcquireTimeoutMs();
    const lock = new Client({
      ...pg.connection,
      database: `${prefix}platform-requests`,
    });
    await lock.connect();
    const list = async () => {
      const started = Date.now();
      const res = await fetch(
        `${portal.baseUrl}/api/platform-requests/requests?limit=5`,
        {
          headers: { Authorization: `Bearer ${user}` },
          // Longer than the lock is held: an answer only when it is released
          // would still arrive.
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 3),
        },
      );
      const body = await res.json();
      return {
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        message: body?.error?.message as string | undefined,
        afterMs: Date.now() - started,
      };
    };

    type Answer = Awaited<ReturnType<typeof list>>;
    const answers: Answer[] = [];
    let calls: Promise<Answer>[] = [];
    try {
      // Queries on `requests` now wait for the lock, each holding one of
      // the plugin's 4 pooled connections; the other callers wait for one.
      await lock.query('begin');
      await lock.query('lock table requests in access exclusive mode');
      calls = Array.from({ length: 12 }, () =>
        list().then(a => {
          answers.push(a);
          return a;
        }),
      );
      // At most 4 callers hold a connection, so at least 8 must be answered
      // while the lock is still held.
      await eventually(async () => answers.length >= 8, REQUEST_TIMEOUT_MS * 2);
      const whileLocked = [...answers];
      // Other plugins have pools of their own.
      const catalog = await fetch(
        `${portal.baseUrl}/api/catalog/entities/by-name/component/default/checkout-api`,
        { headers: { Authorization: `Bearer ${user}` } },
      );
      expect(catalog.status).toBe(200);

      expect(whileLocked.map(a => a.status)).toEqual(
        whileLocked.map(() => 503),
      );
      for (const a of whileLocked) {
        expect(a.retryAfter).toBe('5');
        expect(a.message).toMatch(/no database connection was free in time/);
      }
      // eslint-disable-next-line no-console
      console.log(
        `pool exhaustion: 503 after ${Math.min(
          ...whileLocked.map(a => a.afterMs),
        )}-${Math.max(
          ...whileLocked.map(a => a.afterMs),
        )} ms (acquire timeout ${acquireTimeoutMs} ms)`,
      );
    } finally {
      await lock.query('rollback').catch(() => {});
      await lock.end();
    }
    const all = await Promise.all(calls);
    expect(all.every(a => a.status === 200 || a.status === 503)).toBe(true);
    // eslint-disable-next-line no-console
    console.log(
      `pool exhaustion: ${
        all.filter(a => a.status === 503).length
      } of 12 got 503, ${
        all.filter(a => a.status === 200).length
      } got 200 after the lock was released`,
    );

    // The pool serves again.
    for (let i = 0; i < 6; i++) {
      expect((await list()).status).toBe(200);
    }
    expectBackendAlive();
  });
});
