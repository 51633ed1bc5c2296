/*
 * kpi-summary through Backstage's real actions registry (its HTTP routes
 * under /.backstage/actions) on the plugin's test backend: the same figures
 * as the read routes, the same validation, and the same refusal.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  KpisBackend,
  SERVICES,
  startKpisBackend,
  TEAMS,
  TOKENS,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('kpi-summary on %p', databaseId => {
  let t: KpisBackend;
  let actionsUrl: string;
  beforeAll(async () => {
    t = await startKpisBackend(await databases.init(databaseId));
    actionsUrl = `http://localhost:${t.backend.server.port()}/api/platform-kpis/.backstage/actions/v1/actions`;
    const finished = new Date(Date.now() - 3 * 3600_000).toISOString();
    const res = await t.ingest([
      {
        id: 'kpi-action-d1',
        type: 'deployment',
        entityRef: SERVICES.checkoutApi,
        environment: 'production',
        status: 'success',
        startedAt: new Date(Date.parse(finished) - 60_000).toISOString(),
        finishedAt: finished,
        firstCommitAt: new Date(
          Date.parse(finished) - 2 * 3600_000,
        ).toISOString(),
      },
    ]);
    if (res.status !== 200) throw new Error(`ingest failed: ${res.text}`);
  });

  async function invoke(authorization: string, input: unknown) {
    const res = await fetch(`${actionsUrl}/platform-kpis:kpi-summary/invoke`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: authorization,
      },
      body: JSON.stringify(input),
    });
    return { status: res.status, body: await res.json() };
  }
  const sam = mockCredentials.user.header('user:default/sam.rivera');

  it('answers a team’s figures as the read routes do', async () => {
    const until = new Date().toISOString();
    const res = await invoke(sam, {
      team: TEAMS.checkout,
      window: '7d',
      until,
    });
    expect(res.status).toBe(200);
    const { output } = res.body;
    const dora = (
      await t.get(`/dora?window=7d&until=${until}&team=${TEAMS.checkout}`)
    ).body;
    expect(output.scope).toEqual({ kind: 'team', ref: TEAMS.checkout });
    expect(output.window).toEqual({
      name: '7d',
      from: dora.window.from,
      to: dora.window.to,
    });
    expect(output.dora).toEqual({ ...dora.metrics, demoData: false });
    expect(output.dora.deploymentFrequency.deployments).toBe(1);
    expect(output.dora.leadTime.medianSeconds).toBe(7200);
    const flow = (
      await t.get(`/flow?window=7d&until=${until}&team=${TEAMS.checkout}`)
    ).body;
    expect(output.requests).toEqual({
      ...flow.metrics,
      open: flow.backlog.open,
      collectedAt: flow.collectedAt,
    });
    expect(output.adoption).toHaveProperty('components');
    expect(output.catalogHealth).toHaveProperty('shares');
  });

  it('answers a service with DORA only, and the organisation by default', async () => {
    const service = await invoke(sam, { service: SERVICES.checkoutApi });
    expect(service.body.output).toMatchObject({
      scope: { kind: 'service', ref: SERVICES.checkoutApi },
      window: { name: '90d' },
      requests: null,
      adoption: null,
      catalogHealth: null,
    });
    const org = await invoke(sam, {});
    expect(org.body.output.scope).toEqual({ kind: 'organisation' });
    expect(org.body.output.dora.deploymentFrequency.deployments).toBe(1);
  });

  it('names the wrong field', async () => {
    const notAGroup = await invoke(sam, { team: 'checkout-team' });
    expect(notAGroup.status).toBe(400);
    expect(notAGroup.body.error.message).toBe(
      'team: must be a group reference like group:default/checkout-team',
    );
    const both = await invoke(sam, {
      team: TEAMS.checkout,
      service: SERVICES.checkoutApi,
    });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toBe(
      'service: give team or service, not both',
    );
  });

  it('refuses a token that may not read KPIs, and audits it', async () => {
    t.audits.length = 0;
    const res = await invoke(`Bearer ${TOKENS.ingest}`, {});
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      "you may not read KPIs: this token's access is restricted to platform-kpis.events.ingest",
    );
    expect(t.audits).toEqual([
      {
        eventId: 'permission-denied',
        meta: {
          action: 'action kpi-summary',
          target: 'platform-kpis',
          permission: 'platform-kpis.read',
          actor: 'external:github-actions',
        },
        outcome: 'fail',
      },
    ]);
  });
});
