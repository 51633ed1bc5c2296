/*
 * The webhook routes end to end through the plugin (startTestBackend, real
 * SQLite and PostgreSQL) with the real GitHub and PagerDuty sources and
 * their documented payloads (the delivery builders of @internal/demo-data):
 * signatures, limits, idempotency, the mapping to components and the kept
 * (unmatched) events.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  deploymentStatusPayload,
  Delivery,
  github,
  githubRaw,
  incidentPayload,
  pagerduty,
  pingPayload,
} from '@internal/demo-data';
import { Knex } from 'knex';
import {
  component,
  KpisBackend,
  PLATFORM_USER,
  SERVICES,
  startKpisBackend,
  TEAMS,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SECRET = 'current-secret';
const OLD_SECRET = 'previous-secret';
const PD_SECRET = 'pagerduty-secret';
const SLUG = 'github.com/project-slug';
const PD_SERVICE = 'pagerduty.com/service-id';
const APPLY_KEPT = 'platform-kpis-apply-kept-webhook-events';

const SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';

function deployment(
  repo: string,
  id: number,
  delivery: string,
  state = 'success',
  secret = SECRET,
) {
  return github(
    'deployment_status',
    deploymentStatusPayload(repo, {
      id,
      sha: SHA,
      state,
      startedAt: '2026-06-01T09:55:00Z',
      finishedAt: '2026-06-01T10:00:00Z',
    }),
    { secret, delivery },
  );
}

const deploymentId = (id: number, ref: string) =>
  `github:deployment:${id}:success@${ref}`;

describe.each(databases.eachSupportedId())('webhooks on %p', databaseId => {
  let knex: Knex;
  let t: KpisBackend;

  const send = (d: Delivery) => t.webhook(d.source, d.body, d.headers);
  const count = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    t = await startKpisBackend(knex, {
      config: {
        platformKpis: {
          webhooks: {
            github: { secrets: [SECRET, OLD_SECRET] },
            pagerduty: { secret: PD_SECRET },
          },
        },
      },
    });
    // checkout-api claims acme/checkout; cart-service and payment-gateway
    // both claim acme/shared (in different spellings).
    t.catalog.entities = t.catalog.entities.map(e => {
      const slug = {
        'checkout-api': 'acme/checkout',
        'cart-service': 'acme/shared',
        'payment-gateway': 'Acme/Shared',
      }[e.metadata.name];
      return slug && e.kind === 'Component'
        ? { ...e, metadata: { ...e.metadata, annotations: { [SLUG]: slug } } }
        : e;
    });
  });

  afterAll(async () => {
    await t.backend.stop();
  });

  it('answers 404 to an unknown source and 503 to one without a secret', async () => {
    const unknown = await t.webhook('jira', '{}', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('no webhook source named');
    const unconfigured = await t.webhook('gitlab', '{}', {
      'x-gitlab-token': 'anything',
    });
    expect(unconfigured.status).toBe(503);
    expect(unconfigured.body.error.message).toBe(
      'webhooks from gitlab are not configured: set platformKpis.webhooks.gitlab.secret',
    );
  });

  it('refuses a missing or wrong signature with 401 and stores nothing', async () => {
    const signed = deployment('acme/checkout', 1, 'sig-1');
    const { 'x-hub-signature-256': _dropped, ...unsigned } = signed.headers;
    const missing = await t.webhook('github', signed.body, unsigned);
    const wrong = await send(
      deployment('acme/checkout', 1, 'sig-2', 'success', 'not-the-secret'),
    );
    // Signed for GitHub is not signed for PagerDuty.
    const crossed = await t.webhook('pagerduty', signed.body, {
      'x-pagerduty-signature': signed.headers['x-hub-signature-256'],
    });
    for (const res of [missing, wrong, crossed]) {
      expect(res.status).toBe(401);
      expect(res.body.error.name).toBe('AuthenticationError');
    }
    expect(await count('kpi_webhook_deliveries')).toBe(0);
    expect(await count('kpi_deployments')).toBe(0);
    expect(await count('kpi_unmatched_webhook_events')).toBe(0);
    // Each refusal is audited.
    expect(
      t.audits.filter(
        a => a.eventId === 'kpi-webhook-delivery' && a.outcome === 'fail',
      ),
    ).toHaveLength(3);
  });

  it('answers a ping signed with any configured secret (rotation)', async () => {
    for (const secret of [SECRET, OLD_SECRET]) {
      const res = await send(
        github('ping', pingPayload(), { secret, delivery: `ping-${secret}` }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ping' });
    }
  });

  it('answers 413 to a body over 1 MB, before checking it', async () => {
    const res = await t.webhook('github', 'x'.repeat(1_100_000), {
      'x-hub-signature-256': 'sha256=00',
    });
    expect(res.status).toBe(413);
    expect(res.body.error.name).toBe('PayloadTooLargeError');
  });

  it('answers 400 naming the field to malformed JSON or payloads', async () => {
    // Signed, but not JSON.
    const notJson = await send(
      githubRaw('push', '{"ref": ', { secret: SECRET, delivery: 'bad-0' }),
    );
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(/^body: is not valid JSON/);

    const payload = deploymentStatusPayload('acme/checkout', {
      id: 2,
      sha: SHA,
      state: 'success',
      startedAt: '2026-06-01T09:55:00Z',
      finishedAt: '2026-06-01T10:00:00Z',
    });
    delete payload.deployment.sha;
    const field = await send(
      github('deployment_status', payload, {
        secret: SECRET,
        delivery: 'bad-1',
      }),
    );
    expect(field.status).toBe(400);
    expect(field.body.error.message).toBe(
      'deployment_status.deployment.sha: is required',
    );
    expect(await count('kpi_webhook_deliveries')).toBe(0);
  });

  it('answers 202 to a delivery the portal does not use, once', async () => {
    const inProgress = deployment('acme/checkout', 3, 'ig-1', 'in_progress');
    const res = await send(inProgress);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      status: 'ignored',
      reason:
        'deployment_status "in_progress" is not a finished deployment (success, failure or error)',
    });
    expect((await send(inProgress)).body).toEqual({ status: 'duplicate' });
  });

  it('stores a claimed delivery for its component, once', async () => {
    const delivery = deployment('ACME/Checkout', 10, 'dup-1');
    const res = await send(delivery);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'accepted',
      components: [SERVICES.checkoutApi],
      results: [
        { id: deploymentId(10, SERVICES.checkoutApi), status: 'accepted' },
      ],
    });
    const again = await send(delivery);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate' });
    expect(t.audits.at(-1)).toMatchObject({
      eventId: 'kpi-webhook-delivery',
      outcome: 'success',
      meta: { source: 'github', status: 'duplicate' },
    });
    // Redelivered concurrently: still once.
    const copy = deployment('acme/checkout', 11, 'dup-2');
    const copies = await Promise.all([send(copy), send(copy)]);
    expect(copies.map(c => c.body.status).sort()).toEqual([
      'accepted',
      'duplicate',
    ]);
    expect(
      await knex('kpi_webhook_deliveries').whereIn('delivery_id', [
        'dup-1',
        'dup-2',
      ]),
    ).toHaveLength(2);
    const rows = await knex('kpi_deployments')
      .where({ entity_ref: SERVICES.checkoutApi })
      .orderBy('id');
    expect(rows.map(r => [r.id, r.team_ref, r.production])).toEqual([
      [deploymentId(10, SERVICES.checkoutApi), TEAMS.checkout, 1],
      [deploymentId(11, SERVICES.checkoutApi), TEAMS.checkout, 1],
    ]);
  });

  it('gives each component claiming one repository its own copy', async () => {
    const res = await send(deployment('acme/shared', 20, 'shared-1'));
    expect(res.status).toBe(200);
    expect(res.body.components).toEqual([
      SERVICES.cartService,
      SERVICES.paymentGateway,
    ]);
    const rows = await knex('kpi_deployments')
      .where('id', 'like', 'github:deployment:20:%')
      .orderBy('id');
    expect(rows.map(r => [r.id, r.entity_ref, r.team_ref])).toEqual([
      [
        deploymentId(20, SERVICES.cartService),
        SERVICES.cartService,
        TEAMS.checkout,
      ],
      [
        deploymentId(20, SERVICES.paymentGateway),
        SERVICES.paymentGateway,
        TEAMS.payments,
      ],
    ]);
  });

  it('keeps unclaimed events, lists them, and applies them once a component claims them', async () => {
    const incident = (
      eventType: 'incident.triggered' | 'incident.resolved',
      deliveryId: string,
    ) =>
      pagerduty(
        incidentPayload({
          deliveryId,
          eventType,
          service: 'PORPHAN',
          incidentId: 'Q1ORPHAN',
          createdAt: '2026-06-02T10:00:00Z',
          occurredAt:
            eventType === 'incident.resolved'
              ? '2026-06-02T11:00:00Z'
              : '2026-06-02T10:00:00Z',
        }),
        PD_SECRET,
      );

    const deploy = await send(deployment('acme/Orphan', 30, 'orphan-1'));
    expect(deploy.status).toBe(202);
    expect(deploy.body).toEqual({
      status: 'unmatched',
      reason:
        'no component has annotation github.com/project-slug: acme/Orphan',
    });
    expect(
      (await send(deployment('acme/Orphan', 30, 'orphan-1'))).body,
    ).toEqual({ status: 'duplicate' });
    const triggered = await send(incident('incident.triggered', 'pd-1'));
    expect(triggered.status).toBe(202);
    expect(triggered.body.reason).toBe(
      'no component has annotation pagerduty.com/service-id: PORPHAN',
    );
    // Resolved, then the triggered delivery redelivered under a new id:
    // the kept incident stays resolved.
    expect((await send(incident('incident.resolved', 'pd-2'))).status).toBe(
      202,
    );
    expect((await send(incident('incident.triggered', 'pd-3'))).status).toBe(
      202,
    );

    const listed = await t.get('/webhooks/unmatched', PLATFORM_USER);
    expect(listed.status).toBe(200);
    expect(
      listed.body.items
        .map((i: any) => [i.source, i.annotation, i.name, i.count])
        .sort(),
    ).toEqual([
      ['github', SLUG, 'acme/orphan', 1],
      ['pagerduty', PD_SERVICE, 'porphan', 1],
    ]);
    expect(listed.body.items[0].lastSeen).toEqual(expect.any(String));
    expect((await t.get('/webhooks/unmatched', 'anonymous')).status).toBe(401);
    // The platform team's list: someone else is refused, with the reason.
    const refused = await t.get('/webhooks/unmatched');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'only the platform team may see unmatched webhook sources',
    );

    // Nothing claims them yet: the collector leaves them.
    await t.runTask(APPLY_KEPT);
    expect(
      (await t.get('/webhooks/unmatched', PLATFORM_USER)).body.items,
    ).toHaveLength(2);

    // A new component claims the repository and the PagerDuty service.
    t.catalog.entities = [
      ...t.catalog.entities,
      component('orphan-service', TEAMS.payments, {
        annotations: { [SLUG]: 'Acme/Orphan', [PD_SERVICE]: 'PORPHAN' },
      }),
    ];
    await t.runTask(APPLY_KEPT);
    expect(
      (await t.get('/webhooks/unmatched', PLATFORM_USER)).body.items,
    ).toEqual([]);
    const ref = 'component:default/orphan-service';
    const events = await t.get(`/events?service=${ref}&limit=10`);
    expect(events.status).toBe(200);
    expect(events.body.items.map((e: any) => [e.type, e.id]).sort()).toEqual([
      ['deployment', deploymentId(30, ref)],
      ['incident', `pagerduty:incident:Q1ORPHAN@${ref}`],
    ]);
    const stored = await knex('kpi_incidents')
      .where({ id: `pagerduty:incident:Q1ORPHAN@${ref}` })
      .first();
    expect(Number(stored.resolved_at)).toBe(Date.parse('2026-06-02T11:00:00Z'));
    expect(stored.team_ref).toBe(TEAMS.payments);

    // Applied once: a second run finds nothing more to do.
    await t.runTask(APPLY_KEPT);
    expect(
      await knex('kpi_deployments').where(
        'id',
        'like',
        'github:deployment:30:%',
      ),
    ).toHaveLength(1);
    // New deliveries for it now go straight to the component.
    const direct = await send(deployment('acme/orphan', 31, 'orphan-4'));
    expect(direct.status).toBe(200);
    expect(direct.body.components).toEqual([ref]);
  });
});
