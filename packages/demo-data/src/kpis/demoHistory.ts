/*
 * DEMO DATA: twelve months of deployment, incident and change events for the
 * Tidewater demo services, so the KPI pages have something to show on a
 * fresh `npm start`. Pure and deterministic: the events of one service on one
 * UTC day come from the generator (random.ts) seeded with the service and the
 * day, and their ids
 * name both (demo-checkout-api-dep-20260314-2), so seeding again, even days
 * later, sends the same ids for the days already sent (all duplicates) and new
 * ids only for the new days. Every event carries source DEMO_SOURCE ('lodestar-demo').
 *
 * The story it tells:
 *  - teams sit at different DORA tiers (checkout elite, payments high,
 *    routing medium, fleet low, the others mixed; see TEAM_PROFILES);
 *  - some production deployments fail, some cause an incident (which names
 *    the deployment), other incidents name none; staging deployments come
 *    before many production ones and must not count;
 *  - services created from the golden-path template (fromTemplate) deploy
 *    more often, with shorter lead times and fewer failures from about nine
 *    months ago, when the template was introduced (with a four-week ramp);
 *  - three improvements the platform team shipped (the demo story's, in
 *    story/requestStory.ts) help the teams that asked for them from their
 *    ship day on, with a one-week ramp (IMPROVEMENT_EFFECTS), and nobody
 *    else; a fourth, Kafka topic self-service, changes nothing here.
 */
import {
  DEMO_SOURCE,
  KpiEventInput,
} from '@internal/plugin-platform-kpis-common';
import { createRandom, hashString, Random } from '../random';

/** Days of history, ending today (UTC). */
export const DEMO_HISTORY_DAYS = 365;

/** When the golden-path template came in, in days before `now`. */
export const TEMPLATE_INTRODUCED_DAYS_AGO = 270;

/** Days over which the template's effect grows from nothing to full. */
const TEMPLATE_RAMP_DAYS = 28;

/** What a shipped improvement does to the teams in its scope. */
export type ImprovementEffect = {
  title: string;
  shippedDaysAgo: number;
  teams: string[];
  /** Multiplies the median lead time, the deployment rate, the median time to restore. */
  leadTime?: number;
  deploys?: number;
  restore?: number;
};

// Ship days chosen so that the windows GET /api/platform-kpis/impact
// compares (90 days for the slow-deploying teams of the CI runners, 30 for
// the others) lie after the template's ramp and apart from the others'
// changes to the same KPI, so that each is credited to its own teams.
export const IMPROVEMENT_EFFECTS: ImprovementEffect[] = [
  {
    title: 'Faster CI runners',
    shippedDaysAgo: 140,
    teams: ['routing-team', 'fleet-team'],
    leadTime: 0.45,
  },
  {
    title: 'Self-service preview environments',
    shippedDaysAgo: 45,
    teams: ['customer-web-team', 'checkout-team'],
    deploys: 1.7,
  },
  {
    title: 'Self-service staging databases',
    shippedDaysAgo: 40,
    teams: ['payments-team', 'data-team'],
    leadTime: 0.5,
  },
];

const IMPROVEMENT_RAMP_DAYS = 7;

/** The improvements' combined factors for a team on a day (1 = no change). */
function improvementFactors(team: string, day: number, today: number) {
  const factors = { leadTime: 1, deploys: 1, restore: 1 };
  for (const effect of IMPROVEMENT_EFFECTS) {
    if (!effect.teams.includes(team)) continue;
    const since = day - (today - effect.shippedDaysAgo);
    if (since < 0) continue;
    const ramp = Math.min(1, since / IMPROVEMENT_RAMP_DAYS);
    factors.leadTime *= 1 + ((effect.leadTime ?? 1) - 1) * ramp;
    factors.deploys *= 1 + ((effect.deploys ?? 1) - 1) * ramp;
    factors.restore *= 1 + ((effect.restore ?? 1) - 1) * ramp;
  }
  return factors;
}

export type DemoService = {
  /** component:default/checkout-api (or a short form). */
  ref: string;
  /** The owner: group:default/checkout-team (or checkout-team). */
  team: string;
  /** Created from a golden-path template (backstage.io/source-template). */
  fromTemplate: boolean;
};

export type DemoHistoryOptions = {
  /** Epoch ms; no event lies after it. */
  now: number;
  services: DemoService[];
};

/** How one team works, before the template. */
export type TeamProfile = {
  /** Production deployments a day for the whole team (attempts, failed ones included). */
  deploysPerDay: number;
  /** Median lead time (first commit to the end of the deployment), hours. */
  leadTimeHours: number;
  /** Share of production deployments that fail. */
  failureRate: number;
  /** Share of successful production deployments that cause an incident. */
  incidentRate: number;
  /** Median time to restore, hours. */
  restoreHours: number;
  /** Incidents per service and month that no deployment is known to have caused. */
  otherIncidentsPerMonth: number;
  /** How the team's pipelines spell production (matched case-insensitively). */
  production: string;
  /** Share of production deployments that a staging deployment precedes. */
  stagingShare: number;
};

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

/**
 * The demo teams. Tiers (tiers.ts) the numbers aim at, before the template:
 * frequency / lead time / change failure rate / time to restore.
 */
export const TEAM_PROFILES: Record<string, TeamProfile> = {
  // elite / elite / elite (≈3.5 %) / elite
  'checkout-team': {
    deploysPerDay: 2.2,
    leadTimeHours: 4,
    failureRate: 0.02,
    incidentRate: 0.015,
    restoreHours: 0.6,
    otherIncidentsPerMonth: 0.3,
    production: 'production',
    stagingShare: 0.7,
  },
  // high / high / high (≈7.5 %) / high
  'payments-team': {
    deploysPerDay: 0.5,
    leadTimeHours: 50,
    failureRate: 0.04,
    incidentRate: 0.035,
    restoreHours: 6,
    otherIncidentsPerMonth: 0.4,
    production: 'production',
    stagingShare: 0.8,
  },
  // medium / medium / medium (≈12 %) / medium
  'routing-team': {
    deploysPerDay: 0.09,
    leadTimeHours: 11 * 24,
    failureRate: 0.07,
    incidentRate: 0.05,
    restoreHours: 40,
    otherIncidentsPerMonth: 0.5,
    production: 'prod',
    stagingShare: 0.5,
  },
  // medium / low / low (≈30 %) / low
  'fleet-team': {
    deploysPerDay: 0.07,
    leadTimeHours: 55 * 24,
    failureRate: 0.18,
    incidentRate: 0.14,
    restoreHours: 240,
    otherIncidentsPerMonth: 0.6,
    production: 'Production',
    stagingShare: 0.3,
  },
  // elite / elite / medium (≈11 %) / high: fast, but breaks things
  'customer-web-team': {
    deploysPerDay: 1.2,
    leadTimeHours: 14,
    failureRate: 0.06,
    incidentRate: 0.05,
    restoreHours: 3,
    otherIncidentsPerMonth: 0.3,
    production: 'production',
    stagingShare: 0.6,
  },
  // high / high / elite (≈4 %) / elite: slow and careful
  'data-team': {
    deploysPerDay: 0.2,
    leadTimeHours: 30,
    failureRate: 0.03,
    incidentRate: 0.01,
    restoreHours: 0.7,
    otherIncidentsPerMonth: 0.2,
    production: 'prod',
    stagingShare: 0.4,
  },
};

/** Teams the demo does not know get one of these, by a hash of their name. */
const OTHER_PROFILES: TeamProfile[] = [
  TEAM_PROFILES['payments-team'],
  TEAM_PROFILES['customer-web-team'],
  TEAM_PROFILES['data-team'],
  TEAM_PROFILES['routing-team'],
];

export function teamProfile(team: string): TeamProfile {
  const name = shortName(team);
  return (
    TEAM_PROFILES[name] ??
    OTHER_PROFILES[hashString(name) % OTHER_PROFILES.length]
  );
}

/** How far the template's effect has come on a day: 0 before, 1 after the ramp. */
function templateEffect(service: DemoService, day: number, today: number) {
  if (!service.fromTemplate) return 0;
  const since = day - (today - TEMPLATE_INTRODUCED_DAYS_AGO);
  if (since < 0) return 0;
  return Math.min(1, since / TEMPLATE_RAMP_DAYS);
}

/** The demo history, oldest event first. */
export function demoKpiEvents(options: DemoHistoryOptions): KpiEventInput[] {
  const { now } = options;
  const today = Math.floor(now / DAY);
  const services = [...options.services].sort((a, b) =>
    a.ref < b.ref ? -1 : 1,
  );

  // Each team's rate is shared among its services by a stable weight.
  const weights = new Map<string, number>();
  const teamWeight = new Map<string, number>();
  for (const service of services) {
    const weight = 0.6 + 0.8 * unit(hashString(`weight|${service.ref}`));
    weights.set(service.ref, weight);
    const team = shortName(service.team);
    teamWeight.set(team, (teamWeight.get(team) ?? 0) + weight);
  }

  const timed: Array<{ at: number; event: KpiEventInput }> = [];
  const emit = (at: number, event: KpiEventInput) => timed.push({ at, event });

  for (const service of services) {
    const profile = teamProfile(service.team);
    const name = idName(service.ref);
    const share =
      weights.get(service.ref)! / teamWeight.get(shortName(service.team))!;
    for (let day = today - DEMO_HISTORY_DAYS + 1; day <= today; day++) {
      serviceDay({
        service,
        name,
        profile,
        rate: profile.deploysPerDay * share,
        day,
        effect: templateEffect(service, day, today),
        improved: improvementFactors(shortName(service.team), day, today),
        now,
        emit,
      });
    }
  }

  timed.sort((a, b) => a.at - b.at);
  return timed.map(t => t.event);
}

function serviceDay(args: {
  service: DemoService;
  name: string;
  profile: TeamProfile;
  rate: number;
  day: number;
  effect: number;
  improved: { leadTime: number; deploys: number; restore: number };
  now: number;
  emit: (at: number, event: KpiEventInput) => void;
}) {
  const { service, name, profile, day, effect, improved, now, emit } = args;
  const random = createRandom(`${service.ref}|${day}`);
  const date = dateStamp(day);
  const dayStart = day * DAY;
  const weekday = new Date(dayStart).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  // 5 × 1.32 + 2 × 0.2 ≈ 7: the weekly average stays at `rate`.
  const rate =
    args.rate * (weekend ? 0.2 : 1.32) * (1 + 1.5 * effect) * improved.deploys;
  const leadMedian =
    profile.leadTimeHours * HOUR * (1 - 0.65 * effect) * improved.leadTime;
  const failureRate = profile.failureRate * (1 - 0.6 * effect);
  const incidentRate = profile.incidentRate * (1 - 0.6 * effect);
  const restoreMedian =
    profile.restoreHours * HOUR * (1 - 0.15 * effect) * improved.restore;
  const iso = (ms: number) => new Date(ms).toISOString();

  // Working hours, 07:00–18:00 UTC, in order through the day.
  const starts = Array.from(
    { length: random.poisson(rate) },
    () => dayStart + 7 * HOUR + random.int(0, 11 * HOUR - 1),
  ).sort((a, b) => a - b);

  starts.forEach((rawStart, index) => {
    const n = index + 1;
    const startedAt = roundSecond(rawStart);
    const failed = random.chance(failureRate);
    const duration = roundSecond(
      (failed ? 2 : 4) * MINUTE + random.next() * 20 * MINUTE,
    );
    const finishedAt = startedAt + duration;
    const leadTime = Math.max(
      duration + 10 * MINUTE,
      roundSecond(random.logNormal(leadMedian, 0.8)),
    );
    const firstCommitAt = finishedAt - leadTime;
    const commitShas = Array.from({ length: random.int(1, 4) }, () =>
      random.hex(40),
    );
    const deploymentId = `demo-${name}-dep-${date}-${n}`;

    // A staging deployment of the same commits some time before.
    if (random.chance(profile.stagingShare)) {
      const stagingStart = roundSecond(
        startedAt - 30 * MINUTE - random.next() * 150 * MINUTE,
      );
      const stagingEnd = roundSecond(
        stagingStart + 3 * MINUTE + random.next() * 15 * MINUTE,
      );
      const stagingFailed = random.chance(0.05);
      if (stagingEnd <= now) {
        emit(stagingStart, {
          id: `demo-${name}-staging-${date}-${n}`,
          type: 'deployment',
          entityRef: service.ref,
          environment: 'staging',
          status: stagingFailed ? 'failure' : 'success',
          startedAt: iso(stagingStart),
          finishedAt: iso(stagingEnd),
          commitShas,
          ...(firstCommitAt <= stagingStart
            ? { firstCommitAt: iso(firstCommitAt) }
            : {}),
          source: DEMO_SOURCE,
        });
      }
    }

    // Decide everything before filtering by `now`, so the random sequence, and
    // with it the rest of the day, does not depend on the clock.
    const changeCount = random.chance(0.6)
      ? random.int(1, commitShas.length)
      : 0;
    const changes = Array.from({ length: changeCount }, (_, c) => {
      const committedAt =
        c === 0
          ? firstCommitAt
          : roundSecond(random.float(firstCommitAt, startedAt));
      const pullRequest = random.chance(0.7);
      const mergedAt = roundSecond(random.float(committedAt, startedAt));
      return { c, committedAt, pullRequest, mergedAt };
    });
    const causedIncident = !failed && random.chance(incidentRate);
    const openedAt = roundSecond(
      finishedAt + 5 * MINUTE + random.next() * 8 * HOUR,
    );
    const resolvedAt = roundSecond(
      openedAt + Math.max(5 * MINUTE, random.logNormal(restoreMedian, 0.9)),
    );
    const severity = pickSeverity(random, [0.1, 0.4, 0.5, 0]);

    if (finishedAt > now) return;
    emit(startedAt, {
      id: deploymentId,
      type: 'deployment',
      entityRef: service.ref,
      environment: profile.production,
      status: failed ? 'failure' : 'success',
      startedAt: iso(startedAt),
      finishedAt: iso(finishedAt),
      commitShas,
      firstCommitAt: iso(firstCommitAt),
      source: DEMO_SOURCE,
    });
    for (const change of changes) {
      emit(change.committedAt, {
        id: `demo-${name}-chg-${date}-${n}-${change.c + 1}`,
        type: 'change',
        entityRef: service.ref,
        kind: change.pullRequest ? 'pull_request' : 'commit',
        sha: commitShas[change.c],
        committedAt: iso(change.committedAt),
        ...(change.pullRequest ? { mergedAt: iso(change.mergedAt) } : {}),
        source: DEMO_SOURCE,
      });
    }
    if (causedIncident && openedAt <= now) {
      emit(openedAt, {
        id: `demo-${name}-inc-${date}-${n}`,
        type: 'incident',
        entityRef: service.ref,
        severity,
        openedAt: iso(openedAt),
        // Still open now: a later seeding sends the resolved copy.
        ...(resolvedAt <= now ? { resolvedAt: iso(resolvedAt) } : {}),
        deploymentId,
        source: DEMO_SOURCE,
      });
    }
  });

  // Incidents no deployment is known to have caused.
  const others = random.poisson(profile.otherIncidentsPerMonth / 30);
  for (let i = 1; i <= others; i++) {
    const openedAt = roundSecond(dayStart + random.next() * DAY);
    const resolvedAt = roundSecond(
      openedAt + Math.max(5 * MINUTE, random.logNormal(restoreMedian, 0.9)),
    );
    const severity = pickSeverity(random, [0.05, 0.15, 0.55, 0.25]);
    if (openedAt > now) continue;
    emit(openedAt, {
      id: `demo-${name}-inc-${date}-x${i}`,
      type: 'incident',
      entityRef: service.ref,
      severity,
      openedAt: iso(openedAt),
      ...(resolvedAt <= now ? { resolvedAt: iso(resolvedAt) } : {}),
      source: DEMO_SOURCE,
    });
  }
}

const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;

function pickSeverity(random: Random, weights: number[]) {
  return random.weighted(SEVERITIES.map((s, i) => [s, weights[i]] as const));
}

/** checkout-team from group:default/checkout-team; checkout-api from component:default/checkout-api. */
function shortName(ref: string): string {
  return ref.toLowerCase().split('/').pop()!.split(':').pop()!;
}

/** The service as it appears in ids: its name, or namespace.name outside default. */
function idName(ref: string): string {
  const match = /^(?:component:)?(?:([^/]+)\/)?(.+)$/i.exec(ref)!;
  const namespace = (match[1] ?? 'default').toLowerCase();
  const name = match[2].toLowerCase();
  return namespace === 'default' ? name : `${namespace}.${name}`;
}

function dateStamp(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10).replace(/-/g, '');
}

function roundSecond(ms: number): number {
  return Math.round(ms / 1000) * 1000;
}

function unit(hash: number): number {
  return hash / 2 ** 32;
}
