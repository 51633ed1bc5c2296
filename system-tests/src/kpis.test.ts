/*
 * Platform KPIs in the whole backend, as `npm start` runs it, on SQLite and
 * PostgreSQL: the real static-token check of backend.auth.externalAccess
 * (the local ingest token posts, a signed-in user may not), the real
 * collectors reading the real catalog and requests plugin on their schedule,
 * and the golden-path template's own CI step reporting a deployment.
 */
import {
  engines,
  eventually,
  guestToken,
  PortalProcess,
  repoRoot,
  startPortal,
} from '@internal/testing';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

jest.setTimeout(180_000);

const LOCAL_TOKEN = 'local-kpi-ingest-token';

describe.each(engines)('platform KPIs in the backend on %s', database => {
  let portal: PortalProcess;
  let user: string;

  beforeAll(async () => {
    portal = await startPortal({
      database,
      config: { platformKpis: { collectorIntervalSeconds: 3 } },
    });
    user = await guestToken(portal.baseUrl);
  });
  afterAll(async () => {
    await portal?.stop();
  });

  const api = (path: string, token: string | undefined, body?: unknown) =>
    fetch(`${portal.baseUrl}/api/platform-kpis${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const finished = new Date(Date.now() - 3_600_000).toISOString();
  const events = [
    {
      id: `backend-test-${database}`,
      type: 'deployment',
      entityRef: 'component:default/checkout-api',
      environment: 'production',
      status: 'success',
      startedAt: new Date(Date.parse(finished) - 60_000).toISOString(),
      finishedAt: finished,
      firstCommitAt: new Date(Date.parse(finished) - 7_200_000).toISOString(),
    },
  ];

  it('takes events with the local ingest token, once', async () => {
    const first = await eventually(async () => {
      const res = await api('/events', LOCAL_TOKEN, { events });
      // Until the catalog has read the demo organisation, checkout-api is unknown.
      expect(res.status).toBe(200);
      return res.json();
    });
    expect(first.results[0].status).toBe('accepted');
    const again = await (await api('/events', LOCAL_TOKEN, { events })).json();
    expect(again.results).toEqual([{ id: events[0].id, status: 'duplicate' }]);

    const dora = await (
      await api('/dora?window=7d&service=component:default/checkout-api', user)
    ).json();
    expect(dora.metrics.deploymentFrequency.deployments).toBe(1);
    expect(dora.metrics.leadTime.medianSeconds).toBe(7200);
  });

  it('refuses signed-in users, anonymous callers and unknown tokens', async () => {
    expect((await api('/events', user, { events })).status).toBe(403);
    expect((await api('/events', undefined, { events })).status).toBe(401);
    expect((await api('/events', 'not-the-token-123', { events })).status).toBe(
      401,
    );
    // The ingest token may do nothing else, not even read KPIs.
    expect((await api('/dora', LOCAL_TOKEN)).status).toBe(403);
  });

  it('collects catalog health and golden-path share from the real catalog', async () => {
    const health = await eventually(async () => {
      const body = await (await api('/catalog-health', user)).json();
      expect(body.counts.components).toBeGreaterThanOrEqual(28);
      return body;
    });
    expect(health.shares.validOwner).toBe(1);
    expect(health.perTeam.map((t: any) => t.team)).toContain(
      'group:default/checkout-team',
    );
    const adoption = await (await api('/adoption', user)).json();
    expect(adoption.components.fromTemplate).toBeGreaterThan(0);
  });

  it('collects the request flow from the requests plugin', async () => {
    const filed = await fetch(
      `${portal.baseUrl}/api/platform-requests/requests`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${user}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          title: 'Preview environments per pull request',
          description: 'We wait a day for a shared staging slot.',
          category: 'new-capability',
          urgency: 'high',
          impact: { peopleAffected: 9, hoursLostPerWeek: 12 },
        }),
      },
    );
    expect(filed.status).toBe(201);
    const flow = await eventually(async () => {
      const body = await (await api('/flow?window=7d', user)).json();
      expect(body.metrics.created).toBeGreaterThanOrEqual(1);
      return body;
    });
    expect(flow.backlog.open).toBeGreaterThanOrEqual(1);
    expect(flow.topCategories.byHoursLost[0]).toEqual({
      category: 'new-capability',
      value: 12,
    });
  });

  it('takes the deployment the service template’s CI step reports', async () => {
    const workflow = parse(
      fs.readFileSync(
        join(
          repoRoot,
          'templates/typescript-service/skeleton/.github/workflows/ci.yaml',
        ),
        'utf8',
      ),
    );
    const step = workflow.jobs.deploy.steps.find(
      (s: { name?: string }) => s.name === 'Report the deployment to Lodestar',
    );
    // A checkout of a generated service: its catalog-info.yaml, and the push.
    const dir = fs.mkdtempSync(join(os.tmpdir(), 'lodestar-ci-step-'));
    fs.writeFileSync(
      join(dir, 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: cart-service\nspec:\n  type: service\n  owner: checkout-team\n  lifecycle: production\n',
    );
    const pushedAt = Date.now() - 5 * 60_000;
    const commitAt = (hoursBefore: number) =>
      new Date(pushedAt - hoursBefore * 3_600_000).toISOString();
    fs.writeFileSync(
      join(dir, 'event.json'),
      JSON.stringify({
        commits: [
          { id: 'a'.repeat(40), timestamp: commitAt(5) },
          { id: 'b'.repeat(40), timestamp: commitAt(1) },
        ],
      }),
    );
    const { stdout } = await promisify(execFile)('bash', ['-c', step.run], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        LODESTAR_URL: `${portal.baseUrl}/`,
        LODESTAR_KPI_TOKEN: LOCAL_TOKEN,
        STARTED_AT: new Date(pushedAt - 120_000).toISOString(),
        JOB_STATUS: 'success',
        GITHUB_EVENT_PATH: join(dir, 'event.json'),
        GITHUB_SHA: 'b'.repeat(40),
        GITHUB_REPOSITORY: 'tidewater/cart-service',
        GITHUB_RUN_ID: `${Date.now()}`,
        GITHUB_RUN_ATTEMPT: '1',
      },
    });
    expect(stdout).toContain('Deployment reported to Lodestar.');
    expect(stdout).toContain('"status":"accepted"');

    const latest = await (
      await api('/events?service=component:default/cart-service', user)
    ).json();
    const reported = latest.items.find((e: any) =>
      e.id.startsWith('tidewater/cart-service-'),
    );
    // Lead time runs from the push's oldest commit (5 h) to the report.
    expect(reported).toMatchObject({ type: 'deployment', status: 'success' });
    expect(reported.leadTimeSeconds).toBeGreaterThan(5 * 3600);
    expect(reported.leadTimeSeconds).toBeLessThan(5 * 3600 + 600);
  });
});
