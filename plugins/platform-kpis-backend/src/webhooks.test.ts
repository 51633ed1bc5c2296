/*
 * The webhook routes end to end through the plugin (startTestBackend, real
 * SQLite and PostgreSQL): signatures, limits, idempotency, the mapping to
 * components and the kept (unmatched) events. The source here is a test
 * fake (see __testUtils__/fakeWebhookSource.ts); each real source is tested
 * with its vendor's documented payloads in sources/<id>/.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  component,
  KpisBackend,
  SERVICES,
  startKpisBackend,
  TEAMS,
} from './__testUtils__/testBackend';
import { sign } from './__testUtils__/fakeWebhookSource';

jest.mock('./service/webhookSources', () => {
  const { fakeWebhookSource } = jest.requireActual(
    './__testUtils__/fakeWebhookSource',
  );
  return {
    createWebhookSources: () => ({
      github: fakeWebhookSource('github'),
      pagerduty: fakeWebhookSource('pagerduty'),
    }),
  };
});

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SECRET = 'current-secret';
const OLD_SECRET = 'previous-secret';
const SLUG = 'github.com/project-slug';

function deploymentEvent(id: string, finishedAt = '2026-06-01T10:00:00Z') {
  return {
    id,
    type: 'deployment',
    environment: 'production',
    status: 'success',
    startedAt: '2026-06-01T09:55:00Z',
    finishedAt,
    commitShas: ['abc1234'],
    source: 'github',
  };
}

describe.each(databases.eachSupportedId())('webhooks on %p', databaseId => {
  let knex: Knex;
  let t: KpisBackend;

  /** A signed delivery of the fake source. */
  const deliver = (
    payload: unknown,
    delivery?: string,
    secret = SECRET,
    source = 'github',
  ) => {
    const body = JSON.stringify(payload);
    return t.webhook(source, body, {
      'x-fake-signature': sign(secret, body),
      ...(delivery ? { 'x-fake-delivery': delivery } : {}),
    });
  };
  const count = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    t = await startKpisBackend(knex, {
      config: {
        platformKpis: {
          webhooks: { github: { secrets: [SECRET, OLD_SECRET] } },
        },
      },
    });
    // checkout-api claims acme/checkout; cart-service and payment-gateway
    // both claim acme/shared.
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
    const unknown = await deliver({ ping: true }, undefined, SECRET, 'jira');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('no webhook source named');
    const unconfigured = await deliver(
      { ping: true },
      undefined,
      SECRET,
      'pagerduty',
    );
    expect(unconfigured.status).toBe(503);
    expect(unconfigured.body.error.message).toBe(
      'webhooks from pagerduty are not configured: set platformKpis.webhooks.pagerduty.secret',
    );
  });

  it('refuses a missing or wrong signature with 401 and stores nothing', async () => {
    const payload = { repo: 'acme/checkout', events: [deploymentEvent('s1')] };
    const body = JSON.stringify(payload);
    const missing = await t.webhook('github', body, {
      'x-fake-delivery': 'sig-1',
    });
    const wrong = await deliver(payload, 'sig-2', 'not-the-secret');
    for (const res of [missing, wrong]) {
      expect(res.status).toBe(401);
      expect(res.body.error.name).toBe('AuthenticationError');
    }
    expect(await count('kpi_webhook_deliveries')).toBe(0);
    expect(await count('kpi_deployments')).toBe(0);
    expect(await count('kpi_unmatched_webhook_events')).toBe(0);
  });

  it('accepts any configured secret (rotation)', async () => {
    const res = await deliver({ ping: true }, undefined, OLD_SECRET);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ping' });
  });

  it('answers 413 to a body over 1 MB, before checking it', async () => {
    const res = await t.webhook('github', 'x'.repeat(1_100_000), {
      'x-fake-signature': 'irrelevant',
    });
    expect(res.status).toBe(413);
    expect(res.body.error.name).toBe('PayloadTooLargeError');
  });

  it('answers 400 naming the field to malformed JSON or payloads', async () => {
    const body = '{"repo": ';
    const json = await t.webhook('github', body, {
      'x-fake-signature': sign(SECRET, body),
    });
    expect(json.status).toBe(400);
    expect(json.body.error.message).toMatch(/^body: is not valid JSON/);
    const field = await deliver({ events: [] }, 'bad-1');
    expect(field.status).toBe(400);
    expect(field.body.error.message).toBe('repository.full_name: is required');
    const event = await deliver(
      {
        repo: 'acme/checkout',
        events: [{ ...deploymentEvent('bad-2'), startedAt: 'yesterday' }],
      },
      'bad-2',
    );
    expect(event.status).toBe(400);
    expect(event.body.error.message).toContain('events[0].startedAt');
    expect(await count('kpi_webhook_deliveries')).toBe(0);
  });

  it('answers 202 to an ignored delivery, and once only', async () => {
    const res = await deliver({ ignore: 'issues events are not used' }, 'ig-1');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      status: 'ignored',
      reason: 'issues events are not used',
    });
    const again = await deliver(
      { ignore: 'issues events are not used' },
      'ig-1',
    );
    expect(again.body).toEqual({ status: 'duplicate' });
  });

  it('stores a claimed delivery for its component, once', async () => {
    const payload = {
      repo: 'ACME/Checkout',
      events: [deploymentEvent('gh-deploy-1')],
    };
    const res = await deliver(payload, 'dup-1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'accepted',
      components: [SERVICES.checkoutApi],
      results: [
        {
          id: `gh-deploy-1@${SERVICES.checkoutApi}`,
          status: 'accepted',
        },
      ],
    });
    const again = await deliver(payload, 'dup-1');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate' });
    // Redelivered concurrently: still once.
    const copies = await Promise.all([
      deliver(payload, 'dup-2'),
      deliver(payload, 'dup-2'),
    ]);
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
    const rows = await knex('kpi_deployments').where({
      entity_ref: SERVICES.checkoutApi,
    });
    expect(rows.map(r => [r.id, r.team_ref])).toEqual([
      [`gh-deploy-1@${SERVICES.checkoutApi}`, TEAMS.checkout],
    ]);
  });

  it('gives each component claiming one repository its own copy', async () => {
    const res = await deliver(
      { repo: 'acme/shared', events: [deploymentEvent('gh-shared-1')] },
      'shared-1',
    );
    expect(res.status).toBe(200);
    expect(res.body.components).toEqual([
      SERVICES.cartService,
      SERVICES.paymentGateway,
    ]);
    const rows = await knex('kpi_deployments')
      .where('id', 'like', 'gh-shared-1@%')
      .orderBy('id');
    expect(rows.map(r => [r.entity_ref, r.team_ref])).toEqual([
      [SERVICES.cartService, TEAMS.checkout],
      [SERVICES.paymentGateway, TEAMS.payments],
    ]);
  });

  it('keeps unclaimed events, lists them, and applies them once a component claims them', async () => {
    const open = {
      id: 'inc-1',
      type: 'incident',
      severity: 'sev2',
      openedAt: '2026-06-02T10:00:00Z',
      source: 'github',
    };
    const first = await deliver(
      { repo: 'acme/Orphan', events: [deploymentEvent('gh-o-1'), open] },
      'orphan-1',
    );
    expect(first.status).toBe(202);
    expect(first.body).toEqual({
      status: 'unmatched',
      reason:
        'no component has annotation github.com/project-slug: acme/Orphan',
    });
    // The same delivery again is a duplicate; a later one resolves the
    // incident; an open copy redelivered after that does not reopen it.
    expect(
      (await deliver({ repo: 'acme/orphan', events: [] }, 'orphan-1')).body,
    ).toEqual({ status: 'duplicate' });
    const resolved = { ...open, resolvedAt: '2026-06-02T11:00:00Z' };
    await deliver({ repo: 'ACME/orphan', events: [resolved] }, 'orphan-2');
    await deliver({ repo: 'acme/orphan', events: [open] }, 'orphan-3');

    const listed = await t.get('/webhooks/unmatched');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      {
        source: 'github',
        annotation: SLUG,
        name: 'acme/orphan',
        count: 2,
        firstSeen: expect.any(String),
        lastSeen: expect.any(String),
      },
    ]);
    expect((await t.get('/webhooks/unmatched', 'anonymous')).status).toBe(401);
    expect(await count('kpi_deployments')).toBeGreaterThan(0);
    expect(
      await knex('kpi_deployments').where('id', 'like', 'gh-o-1@%'),
    ).toHaveLength(0);

    // Nothing claims it yet: the collector leaves it.
    await t.runTask('platform-kpis-apply-kept-webhook-events');
    expect((await t.get('/webhooks/unmatched')).body.items).toHaveLength(1);

    // A new component claims the repository.
    t.catalog.entities = [
      ...t.catalog.entities,
      component('orphan-service', TEAMS.payments, {
        annotations: { [SLUG]: 'Acme/Orphan' },
      }),
    ];
    await t.runTask('platform-kpis-apply-kept-webhook-events');
    expect((await t.get('/webhooks/unmatched')).body.items).toEqual([]);
    const ref = 'component:default/orphan-service';
    const events = await t.get(`/events?service=${ref}&limit=10`);
    expect(events.status).toBe(200);
    expect(events.body.items.map((e: any) => [e.type, e.id]).sort()).toEqual([
      ['deployment', `gh-o-1@${ref}`],
      ['incident', `inc-1@${ref}`],
    ]);
    const incident = await knex('kpi_incidents')
      .where({ id: `inc-1@${ref}` })
      .first();
    expect(Number(incident.resolved_at)).toBe(
      Date.parse('2026-06-02T11:00:00Z'),
    );
    // Applied once: a second run finds nothing.
    await t.runTask('platform-kpis-apply-kept-webhook-events');
    expect(
      await knex('kpi_deployments').where('id', 'like', 'gh-o-1@%'),
    ).toHaveLength(1);
    // New deliveries for it now go straight to the component.
    const direct = await deliver(
      { repo: 'acme/orphan', events: [deploymentEvent('gh-o-2')] },
      'orphan-4',
    );
    expect(direct.body.components).toEqual([ref]);
  });
});
