import { createHmac } from 'node:crypto';
import {
  createWebhookMix,
  WebhookBenchDelivery,
  WebhookBenchKind,
} from './benchMix';

const SECRETS = { github: 'gh-secret', pagerduty: 'pd-secret' };
const NOW = Date.UTC(2026, 2, 1, 12);

/** `count` deliveries, every one accepted unless `refuse` says otherwise. */
function run(
  count: number,
  seed = 1,
  refuse: (d: WebhookBenchDelivery) => boolean = () => false,
) {
  const mix = createWebhookMix({
    seed,
    services: 5,
    secrets: SECRETS,
    runTag: 'ab12cd',
  });
  const deliveries: WebhookBenchDelivery[] = [];
  for (let i = 0; i < count; i++) {
    const delivery = mix.next(NOW + i);
    deliveries.push(delivery);
    if (!refuse(delivery)) mix.accepted(delivery);
  }
  return deliveries;
}

const hmac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

describe('createWebhookMix', () => {
  it('sends the same deliveries for the same seed, others for another', () => {
    const first = run(300, 7);
    expect(run(300, 7)).toEqual(first);
    expect(run(300, 8)).not.toEqual(first);
  });

  it('keeps to the shares of the mix', () => {
    const deliveries = run(10_000);
    const share = (kind: WebhookBenchKind) =>
      deliveries.filter(d => d.kind === kind).length / deliveries.length;
    expect(share('deployment_status')).toBeCloseTo(0.4, 1);
    expect(share('push')).toBeCloseTo(0.3, 1);
    expect(share('incident.triggered')).toBeCloseTo(0.15, 1);
    expect(share('incident.resolved')).toBeCloseTo(0.1, 1);
    expect(share('redelivery')).toBeCloseTo(0.05, 1);
  });

  it('signs every delivery with its source secret and gives each its own id', () => {
    const deliveries = run(500);
    const signedWrongly = deliveries.filter(d =>
      d.source === 'github'
        ? d.headers['x-hub-signature-256'] !==
            `sha256=${hmac(SECRETS.github, d.body)}` ||
          d.headers['x-github-delivery'] !== d.deliveryId
        : d.headers['x-pagerduty-signature'] !==
            `v1=${hmac(SECRETS.pagerduty, d.body)}` ||
          JSON.parse(d.body).event.id !== d.deliveryId,
    );
    expect(signedWrongly).toEqual([]);
    const fresh = deliveries.filter(d => d.kind !== 'redelivery');
    expect(new Set(fresh.map(d => d.deliveryId)).size).toBe(fresh.length);
  });

  it('expects the events the payloads carry', () => {
    const deliveries = run(500);
    /** What the payload says the backend should store. */
    const carried = (d: WebhookBenchDelivery) => {
      const payload = JSON.parse(d.body);
      const incident = `pagerduty:incident:${payload.event?.data.id}`;
      switch (d.kind) {
        case 'deployment_status':
          return {
            deployments: [`github:deployment:${payload.deployment.id}:success`],
          };
        case 'push':
          return {
            changes: payload.commits.map(
              (c: any) =>
                `github:commit:${payload.repository.full_name}@${c.id}`,
            ),
          };
        case 'incident.triggered':
          return { incidents: [incident], resolved: [] };
        case 'incident.resolved':
          return { incidents: [incident], resolved: [incident] };
        default:
          return {};
      }
    };
    expect(deliveries.map(d => d.expect)).toEqual(deliveries.map(carried));
    const payloads = (kind: WebhookBenchKind) =>
      deliveries.filter(d => d.kind === kind).map(d => JSON.parse(d.body));
    expect(
      new Set(payloads('deployment_status').map(p => p.deployment.environment)),
    ).toEqual(new Set(['production']));
    expect(new Set(payloads('push').map(p => p.commits.length))).toEqual(
      new Set([1, 2, 3]),
    );
    expect(
      deliveries
        .filter(d => d.source === 'pagerduty' && d.kind !== 'redelivery')
        .every(d => JSON.parse(d.body).event.event_type === d.kind),
    ).toBe(true);
  });

  it('redelivers only accepted deliveries, byte for byte and expecting nothing', () => {
    const refused = (d: WebhookBenchDelivery) =>
      d.deliveryId.endsWith('0') && d.kind !== 'redelivery';
    const deliveries = run(2_000, 1, refused);
    const accepted = new Map(
      deliveries
        .filter(d => d.kind !== 'redelivery' && !refused(d))
        .map(d => [d.deliveryId, d]),
    );
    const redeliveries = deliveries.filter(d => d.kind === 'redelivery');
    expect(redeliveries.length).toBeGreaterThan(50);
    for (const again of redeliveries) {
      const original = accepted.get(again.deliveryId)!;
      expect(original).toBeDefined();
      expect(again.body).toBe(original.body);
      expect(again.headers).toEqual(original.headers);
      expect(again.expect).toEqual({});
    }
  });

  it('resolves only incidents whose trigger was accepted, each once', () => {
    const refused = (d: WebhookBenchDelivery) =>
      d.kind === 'incident.triggered' && d.deliveryId.endsWith('3');
    const deliveries = run(3_000, 1, refused);
    const incidentId = (d: WebhookBenchDelivery) =>
      JSON.parse(d.body).event.data.id;
    const triggered = new Set(
      deliveries
        .filter(d => d.kind === 'incident.triggered' && !refused(d))
        .map(incidentId),
    );
    const resolved = deliveries
      .filter(d => d.kind === 'incident.resolved')
      .map(incidentId);
    expect(resolved.length).toBeGreaterThan(100);
    expect(resolved.every(id => triggered.has(id))).toBe(true);
    expect(new Set(resolved).size).toBe(resolved.length);
  });
});
