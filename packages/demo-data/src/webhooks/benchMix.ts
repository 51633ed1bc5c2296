/*
 * BENCH DATA: the mix of signed webhook deliveries bench/webhooks/run.mjs
 * sends, from the seeded generator (the same seed, the same mix), built with
 * the delivery builders of deliveries.ts from the vendors' documented
 * payloads, each delivery with its own ids and objects:
 *   40 %  GitHub deployment_status: a successful production deployment
 *   30 %  GitHub push to the default branch, 1 to 3 commits
 *   15 %  PagerDuty incident.triggered
 *   10 %  PagerDuty incident.resolved of an incident triggered earlier
 *    5 %  a redelivery of an earlier delivery, byte for byte (same id)
 * (a resolution or a redelivery needs an accepted delivery before it; until
 * then a trigger goes out instead). Each delivery says which events the
 * backend should store for it, for the benchmark's exactly-once check. The
 * benchmark sends them and tells the mix which were accepted.
 */
import { createRandom } from '../random';
import {
  Delivery,
  deploymentStatusPayload,
  github,
  incidentPayload,
  pagerduty,
  pushPayload,
} from './deliveries';

export type WebhookBenchKind =
  | 'deployment_status'
  | 'push'
  | 'incident.triggered'
  | 'incident.resolved'
  | 'redelivery';

/** The ids of the events the backend should store for a delivery. */
export type ExpectedEvents = {
  deployments?: string[];
  changes?: string[];
  incidents?: string[];
  resolved?: string[];
};

export type WebhookBenchDelivery = Delivery & {
  kind: WebhookBenchKind;
  /** X-GitHub-Delivery, or the PagerDuty event id. */
  deliveryId: string;
  /** Empty for a redelivery: it must store nothing new. */
  expect: ExpectedEvents;
};

/** Bench service `i` (from 0): its catalog name, GitHub repository and PagerDuty service. */
export function webhookBenchService(i: number) {
  const nn = String(i).padStart(2, '0');
  return {
    name: `bench-svc-${nn}`,
    repo: `bench/svc-${nn}`,
    pagerduty: `PBEN${String(i).padStart(3, '0')}`,
  };
}

export type WebhookMixOptions = {
  seed: number;
  /** Services 0 … services - 1 (webhookBenchService) the deliveries name. */
  services: number;
  secrets: { github: string; pagerduty: string };
  /** Different for every run: keeps delivery and incident ids apart between runs. */
  runTag: string;
};

export type WebhookMix = {
  /** The next delivery, its times around `now` (epoch ms). */
  next(now: number): WebhookBenchDelivery;
  /** The backend accepted `delivery`: it may be redelivered, its incident resolved. */
  accepted(delivery: WebhookBenchDelivery): void;
};

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

export function createWebhookMix(options: WebhookMixOptions): WebhookMix {
  const { secrets, runTag } = options;
  const random = createRandom(options.seed);
  const service = () =>
    webhookBenchService(random.int(0, options.services - 1));
  let githubNo = 0;
  let pagerdutyNo = 0;
  let nextDeploymentId = 1_000_000 + random.int(0, 999_999) * 1000;
  let nextIncident = 0;
  type OpenIncident = { pagerduty: string; id: string; createdAt: string };
  const openIncidents: OpenIncident[] = [];
  const incidentOf = new WeakMap<WebhookBenchDelivery, OpenIncident>();
  const sent: WebhookBenchDelivery[] = [];

  const signedGithub = (
    kind: WebhookBenchKind,
    payload: unknown,
    expect: ExpectedEvents,
  ): WebhookBenchDelivery => {
    const deliveryId = `${runTag}-gh-${++githubNo}`;
    const delivery = github(kind, payload, {
      secret: secrets.github,
      delivery: deliveryId,
    });
    return { ...delivery, kind, deliveryId, expect };
  };

  const deploymentStatus = (now: number) => {
    const id = nextDeploymentId++;
    const payload = deploymentStatusPayload(service().repo, {
      id,
      sha: random.hex(40),
      state: 'success',
      startedAt: iso(now - 5 * MINUTE),
      finishedAt: iso(now),
    });
    return signedGithub('deployment_status', payload, {
      deployments: [`github:deployment:${id}:success`],
    });
  };

  const push = (now: number) => {
    const { repo } = service();
    const commits = Array.from({ length: random.int(1, 3) }, () => ({
      sha: random.hex(40),
      at: iso(now - random.int(0, 48 * 3600 - 1) * 1000),
    }));
    return signedGithub('push', pushPayload(repo, commits), {
      changes: commits.map(c => `github:commit:${repo}@${c.sha}`),
    });
  };

  const incident = (
    now: number,
    kind: 'incident.triggered' | 'incident.resolved',
  ): WebhookBenchDelivery => {
    const open =
      kind === 'incident.resolved'
        ? openIncidents.splice(random.int(0, openIncidents.length - 1), 1)[0]
        : {
            pagerduty: service().pagerduty,
            id: `Q${runTag.toUpperCase()}${String(nextIncident++).padStart(
              6,
              '0',
            )}`,
            createdAt: iso(now - 10 * MINUTE),
          };
    const deliveryId = `${runTag}-pd-${++pagerdutyNo}`;
    const payload = incidentPayload({
      deliveryId,
      eventType: kind,
      service: open.pagerduty,
      incidentId: open.id,
      createdAt: open.createdAt,
      occurredAt: iso(now),
    });
    const delivery: WebhookBenchDelivery = {
      ...pagerduty(payload, secrets.pagerduty),
      kind,
      deliveryId,
      expect: {
        incidents: [`pagerduty:incident:${open.id}`],
        resolved:
          kind === 'incident.resolved' ? [`pagerduty:incident:${open.id}`] : [],
      },
    };
    if (kind === 'incident.triggered') incidentOf.set(delivery, open);
    return delivery;
  };

  return {
    next(now) {
      const roll = random.next();
      if (roll < 0.05 && sent.length > 0) {
        return { ...random.pick(sent), kind: 'redelivery', expect: {} };
      }
      if (roll < 0.45) return deploymentStatus(now);
      if (roll < 0.75) return push(now);
      if (roll < 0.9 || openIncidents.length === 0) {
        return incident(now, 'incident.triggered');
      }
      return incident(now, 'incident.resolved');
    },
    accepted(delivery) {
      if (delivery.kind === 'redelivery') return;
      sent.push(delivery);
      const open = incidentOf.get(delivery);
      if (open) openIncidents.push(open);
    },
  };
}
