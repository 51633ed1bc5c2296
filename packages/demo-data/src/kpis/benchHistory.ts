/*
 * BENCH DATA: the platform-KPIs benchmark's data set (bench/platform-kpis):
 * `teams` Groups of type team, `services` Components of type service owned
 * by them, and two years of deployment and incident events ending a day
 * before `now`. Every event is a function of its index alone (the generator
 * seeded with the kind and the index), so batches can be built in any order
 * and runs with the same sizes send the same events.
 */
import {
  DeploymentEventInput,
  IncidentEventInput,
} from '@internal/plugin-platform-kpis-common';
import { createRandom } from '../random';

export type KpiBenchOptions = {
  deployments: number;
  incidents: number;
  services: number;
  teams: number;
  /** Epoch ms; the events end a day before it, so no incident resolves later. */
  now: number;
};

/** Events from..to - 1 of one kind, as one POST /events sends them. */
export type KpiBenchBatch = {
  type: 'deployment' | 'incident';
  from: number;
  to: number;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const sec = (ms: number) => Math.round(ms / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

export function kpiBenchData(options: KpiBenchOptions) {
  const { deployments, incidents, services, teams, now } = options;
  const end = now - DAY;
  const start = end - 730 * DAY;
  const teamName = (t: number) => `bench-team-${pad(t + 1, 2)}`;
  const serviceName = (k: number) => `bench-svc-${pad(k + 1, 3)}`;
  const teamOf = (k: number) => k % teams;

  /**
   * Deployment i, in time order. The first `services` deployments cover
   * every service once (the warm-up batch); after that services are picked
   * with a skew (low numbers deploy more), so teams differ in size.
   */
  function deployment(i: number): DeploymentEventInput {
    const random = createRandom(`deployment|${i}`);
    const service =
      i < services ? i : Math.floor(services * random.next() ** 1.5);
    const startedAt = sec(
      start + ((i + random.next()) * (end - start)) / deployments,
    );
    const environment = random.weighted([
      ['production', 0.84],
      ['prod', 0.04],
      ['staging', 0.12],
    ] as const);
    const failed = random.chance(0.06);
    const finishedAt = sec(
      startedAt + 2 * MINUTE + random.next() * 18 * MINUTE,
    );
    // Team medians from an hour to about ten days.
    const leadMedian = HOUR * 2 ** (teamOf(service) % 9);
    const lead = Math.max(
      finishedAt - startedAt + MINUTE,
      sec(random.logNormal(leadMedian, 0.9)),
    );
    return {
      id: `bench-dep-${i}`,
      type: 'deployment',
      entityRef: `component:default/${serviceName(service)}`,
      environment,
      status: failed ? 'failure' : 'success',
      startedAt: iso(startedAt),
      finishedAt: iso(finishedAt),
      commitShas: Array.from({ length: random.int(1, 3) }, () =>
        random.hex(40),
      ),
      firstCommitAt: iso(finishedAt - lead),
      source: 'bench',
    };
  }

  /**
   * Incident j, in time order. 60 % name the deployment that caused them
   * (one a little earlier in the sequence), the rest none; 3 % are still
   * open.
   */
  function incident(j: number): IncidentEventInput {
    const random = createRandom(`incident|${j}`);
    const severity = random.pick(['sev1', 'sev2', 'sev3', 'sev4'] as const);
    let entityRef: string;
    let openedAt: number;
    let deploymentId: string | undefined;
    if (random.chance(0.6)) {
      const i = Math.max(
        0,
        Math.floor((j * deployments) / incidents) - 1 - random.int(0, 19),
      );
      const cause = deployment(i);
      entityRef = cause.entityRef as string;
      deploymentId = cause.id;
      openedAt = sec(
        Date.parse(cause.finishedAt as string) +
          5 * MINUTE +
          random.next() * 6 * HOUR,
      );
    } else {
      entityRef = `component:default/${serviceName(
        random.int(0, services - 1),
      )}`;
      openedAt = sec(start + ((j + random.next()) * (end - start)) / incidents);
    }
    const open = random.chance(0.03);
    const resolvedAt = sec(
      openedAt + 2 * MINUTE + random.logNormal(3 * HOUR, 1.2),
    );
    return {
      id: `bench-inc-${j}`,
      type: 'incident',
      entityRef,
      severity,
      openedAt: iso(openedAt),
      ...(open || resolvedAt > now ? {} : { resolvedAt: iso(resolvedAt) }),
      ...(deploymentId ? { deploymentId } : {}),
      source: 'bench',
    };
  }

  /**
   * Batches in the order CI would send them: deployment batches, with each
   * incident batch right after the deployments its incidents name.
   */
  function batches(size: number): KpiBenchBatch[] {
    const out: KpiBenchBatch[] = [];
    let incidentsSent = 0;
    for (let from = 0; from < deployments; from += size) {
      const to = Math.min(deployments, from + size);
      out.push({ type: 'deployment', from, to });
      const due = Math.floor((to * incidents) / deployments);
      while (
        due - incidentsSent >= size ||
        (to === deployments && incidentsSent < incidents)
      ) {
        const last = Math.min(incidents, incidentsSent + size);
        out.push({ type: 'incident', from: incidentsSent, to: last });
        incidentsSent = last;
      }
    }
    return out;
  }

  function eventsOf(batch: KpiBenchBatch) {
    const make = batch.type === 'deployment' ? deployment : incident;
    const events = [];
    for (let i = batch.from; i < batch.to; i++) events.push(make(i));
    return events;
  }

  /** The Groups and Components, as catalog entities. */
  function catalogEntities() {
    const labels = { 'lodestar.dev/bench': 'true' };
    return [
      ...Array.from({ length: teams }, (_, t) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: teamName(t), labels },
        spec: { type: 'team', children: [] },
      })),
      ...Array.from({ length: services }, (_, k) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: serviceName(k), labels },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: `group:default/${teamName(teamOf(k))}`,
        },
      })),
    ];
  }

  return {
    start,
    end,
    teamName,
    serviceName,
    teamOf,
    deployment,
    incident,
    batches,
    eventsOf,
    catalogEntities,
  };
}
