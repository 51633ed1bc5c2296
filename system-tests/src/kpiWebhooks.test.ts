/*
 * KPI webhooks in the whole backend, as `npm start` runs it, on SQLite and
 * PostgreSQL: one service's history (GitHub push, merged pull request and
 * deployment_status deliveries, a PagerDuty incident triggered and
 * resolved, each signed and built from the vendors' documented payloads)
 * sent once as webhooks and once through POST /events to a second
 * component must give identical DORA figures; and the webhook-only
 * service, which never posted to /events, has its figures from webhooks
 * alone.
 */
import { Delivery, serviceHistory } from '@internal/demo-data';
// A test workspace, not a library: it signs deliveries with the plugin's own
// webhook sources.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { createWebhookSources } from '@internal/plugin-platform-kpis-backend';
import {
  engines,
  eventually,
  guestToken,
  PortalProcess,
  startPortal,
} from '@internal/testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(180_000);

const LOCAL_TOKEN = 'local-kpi-ingest-token';
const SECRETS = { github: 'system-test-github', pagerduty: 'system-test-pd' };
const WEBHOOK_SERVICE = 'component:default/webhook-only-service';
const EVENTS_SERVICE = 'component:default/events-only-service';

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: webhook-only-service
  annotations:
    github.com/project-slug: lodestar-test/Webhook-Only
    pagerduty.com/service-id: PWEBHOOK1
spec: { type: service, lifecycle: production, owner: group:default/checkout-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: events-only-service
spec: { type: service, lifecycle: production, owner: group:default/checkout-team }
`;

describe.each(engines)('KPI webhooks in the backend on %s', database => {
  let portal: PortalProcess;
  let dir: string;
  let user: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-kpi-webhooks-'));
    fs.writeFileSync(path.join(dir, 'services.yaml'), CATALOG);
    portal = await startPortal({
      database,
      config: {
        catalog: {
          locations: [
            { type: 'file', target: path.join(dir, 'services.yaml') },
          ],
        },
        platformKpis: {
          webhooks: {
            github: { secret: SECRETS.github },
            pagerduty: { secret: SECRETS.pagerduty },
          },
        },
      },
    });
    user = await guestToken(portal.baseUrl);
  });
  afterAll(async () => {
    await portal?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const api = (p: string, init?: RequestInit) =>
    fetch(`${portal.baseUrl}/api/platform-kpis${p}`, init);
  const deliver = (d: Delivery) =>
    api(`/webhooks/${d.source}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...d.headers },
      body: d.body,
    });

  const start = Date.now() - 10 * 86_400_000;
  const until = new Date().toISOString();
  const history = serviceHistory({
    repo: 'lodestar-test/webhook-only',
    pagerdutyService: 'PWEBHOOK1',
    start,
    secrets: SECRETS,
    tag: `sys${database}`,
  });

  /** What each delivery means, as POST /events takes it, for `entityRef`. */
  function asEvents(entityRef: string) {
    const sources = createWebhookSources({
      productionEnvironments: ['production', 'prod'],
    });
    return history.flatMap(d => {
      const parsed = sources[d.source].parse(d.headers, JSON.parse(d.body));
      if (parsed.kind !== 'events')
        throw new Error(`${d.source}: ${parsed.kind}`);
      return parsed.events.map(e => ({ ...e, entityRef }));
    });
  }

  const dora = async (service: string) => {
    const res = await api(
      `/dora?window=30d&until=${encodeURIComponent(
        until,
      )}&include=previous,series&service=${service}`,
      { headers: { Authorization: `Bearer ${user}` } },
    );
    expect(res.status).toBe(200);
    return res.json();
  };

  it('takes the history as signed webhooks, for the annotated component', async () => {
    // Until the catalog has read the test components, nothing would claim
    // the deliveries (they would be kept as unmatched).
    await eventually(async () => {
      const res = await fetch(
        `${portal.baseUrl}/api/catalog/entities/by-name/component/default/webhook-only-service`,
        { headers: { Authorization: `Bearer ${user}` } },
      );
      return res.status === 200;
    });
    for (const delivery of history) {
      const res = await deliver(delivery);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.status).toBe('accepted');
      expect(body.components).toEqual([WEBHOOK_SERVICE]);
    }
    // A redelivery is stored once.
    const again = await deliver(history[1]);
    expect(await again.json()).toEqual({ status: 'duplicate' });
  });

  it('shows DORA figures from webhooks alone', async () => {
    const summary = await dora(WEBHOOK_SERVICE);
    expect(summary.metrics.deploymentFrequency.deployments).toBe(2);
    // 3 h (push commit) and 9 h (pull request opened): median 6 h.
    expect(summary.metrics.leadTime).toMatchObject({
      medianSeconds: 6 * 3600,
      measured: 2,
    });
    expect(summary.metrics.changeFailureRate).toMatchObject({
      failures: 1,
      total: 3,
    });
    expect(summary.metrics.timeToRestore).toMatchObject({
      medianSeconds: 3600,
      resolved: 1,
      open: 0,
    });
  });

  it('gives the same DORA figures as the same history through POST /events', async () => {
    const posted = await eventually(async () => {
      const res = await api('/events', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${LOCAL_TOKEN}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ events: asEvents(EVENTS_SERVICE) }),
      });
      expect(res.status).toBe(200);
      return res.json();
    });
    // The triggered and the resolved copy of the incident share an id:
    // one batch stores the resolved one.
    expect(posted.results.map((r: any) => r.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'duplicate',
      'accepted',
      'accepted',
    ]);

    const viaWebhooks = await dora(WEBHOOK_SERVICE);
    const viaEvents = await dora(EVENTS_SERVICE);
    expect(viaWebhooks.metrics.deploymentFrequency.deployments).toBe(2);
    expect(viaEvents.metrics).toEqual(viaWebhooks.metrics);
    expect(viaEvents.previous).toEqual(viaWebhooks.previous);
    expect(viaEvents.series).toEqual(viaWebhooks.series);
    expect(viaEvents.window).toEqual(viaWebhooks.window);
  });
});
