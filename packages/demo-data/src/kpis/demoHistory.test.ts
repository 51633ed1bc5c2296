import {
  DEMO_SOURCE,
  deploymentFrequencyTier,
  KpiEventInput,
  parseEvent,
  Tier,
} from '@internal/plugin-platform-kpis-common';
import {
  DemoService,
  demoKpiEvents,
  IMPROVEMENT_EFFECTS,
  TEMPLATE_INTRODUCED_DAYS_AGO,
} from './demoHistory';

const DAY = 24 * 3_600_000;

/** The deployable demo components of catalog/ (libraries left out), as the seeder reads them. */
const SERVICES: DemoService[] = [
  ['warehouse-loader', 'data-team', false],
  ['analytics-query-service', 'data-team', false],
  ['fleet-registry', 'fleet-team', true],
  ['fleet-telemetry-ingest', 'fleet-team', false],
  ['driver-app-bff', 'fleet-team', true],
  ['maintenance-scheduler', 'fleet-team', false],
  ['payment-gateway', 'payments-team', false],
  ['fraud-scorer', 'payments-team', false],
  ['invoice-worker', 'payments-team', false],
  ['refund-service', 'payments-team', true],
  ['legacy-billing-batch', 'payments-team', false],
  ['shipment-service', 'routing-team', false],
  ['route-optimizer', 'routing-team', false],
  ['eta-predictor', 'routing-team', false],
  ['carrier-label-job', 'routing-team', false],
  ['route-sim-playground', 'routing-team', false],
  ['tracking-web', 'customer-web-team', false],
  ['storefront-web', 'customer-web-team', false],
  ['checkout-api', 'checkout-team', true],
  ['cart-service', 'checkout-team', true],
  ['promo-engine', 'checkout-team', true],
  ['legacy-cart-php', 'checkout-team', false],
].map(([name, team, fromTemplate]) => ({
  ref: `component:default/${name}`,
  team: `group:default/${team}`,
  fromTemplate: fromTemplate as boolean,
}));

// In the past, so that parseEvent (which refuses the future) accepts it on any clock.
const NOW = Date.UTC(2026, 5, 30, 14, 27, 11);

type Deployment = Extract<KpiEventInput, { type: 'deployment' }>;
type Incident = Extract<KpiEventInput, { type: 'incident' }>;
type Change = Extract<KpiEventInput, { type: 'change' }>;

const ms = (value: unknown) => Date.parse(value as string);
const isProduction = (d: Deployment) =>
  /^(production|prod)$/i.test(d.environment);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

describe('demoKpiEvents', () => {
  const events = demoKpiEvents({ now: NOW, services: SERVICES });
  const deployments = events.filter(
    (e): e is Deployment => e.type === 'deployment',
  );
  const incidents = events.filter((e): e is Incident => e.type === 'incident');
  const changes = events.filter((e): e is Change => e.type === 'change');
  const teamOf = new Map(SERVICES.map(s => [s.ref, s.team]));

  it('produces events every one of which the ingest endpoint would accept', () => {
    expect(events.length).toBeGreaterThan(3000);
    const rejected = events
      .map((event, index) => parseEvent(event, index))
      .filter(parsed => !parsed.ok);
    expect(rejected).toEqual([]);
    expect(events.every(e => e.source === DEMO_SOURCE)).toBe(true);
  });

  it('gives every event a unique, stable id that names the service', () => {
    const ids = events.map(e => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of events) {
      const name = (e.entityRef as string).split('/').pop();
      expect(e.id).toMatch(
        new RegExp(`^demo-${name}-(dep|staging|inc|chg)-\\d{8}-`),
      );
    }
  });

  it('is deterministic', () => {
    expect(demoKpiEvents({ now: NOW, services: SERVICES })).toEqual(events);
    // The order of the services does not matter either.
    expect(
      demoKpiEvents({ now: NOW, services: [...SERVICES].reverse() }),
    ).toEqual(events);
  });

  it('keeps the ids of the days already seeded when seeded again later', () => {
    const later = demoKpiEvents({ now: NOW + 3 * DAY, services: SERVICES });
    const laterIds = new Set(later.map(e => e.id));
    const stillInRange = (id: string) => {
      const date = /-(\d{8})-/.exec(id)![1];
      const day = Date.UTC(
        Number(date.slice(0, 4)),
        Number(date.slice(4, 6)) - 1,
        Number(date.slice(6, 8)),
      );
      // Outside the ramps of the template and the improvements, where the
      // day's content does not move.
      const ramps = [
        TEMPLATE_INTRODUCED_DAYS_AGO,
        ...IMPROVEMENT_EFFECTS.map(e => e.shippedDaysAgo),
      ];
      return (
        day >= Math.floor(NOW / DAY) * DAY - 360 * DAY &&
        ramps.every(ago => Math.abs(day - (NOW - ago * DAY)) > 40 * DAY)
      );
    };
    const missing = events
      .map(e => e.id)
      .filter(stillInRange)
      .filter(id => !laterIds.has(id));
    expect(missing).toEqual([]);
    expect(later.length).toBeGreaterThan(events.length - 100);
  });

  it('keeps times in order and never in the future', () => {
    const wrong = [
      ...deployments.filter(
        d =>
          ms(d.finishedAt) > NOW ||
          ms(d.finishedAt) < ms(d.startedAt) ||
          ms(d.startedAt) < (ms(d.firstCommitAt) || -Infinity),
      ),
      ...incidents.filter(i => ms(i.openedAt) > NOW || ms(i.resolvedAt) > NOW),
      ...changes.filter(
        c =>
          ms(c.mergedAt ?? c.committedAt) > NOW ||
          ms(c.mergedAt ?? c.committedAt) < ms(c.committedAt),
      ),
    ];
    expect(wrong).toEqual([]);
    const oldest = Math.min(
      ...deployments.map(d => ms(d.startedAt)),
      ...incidents.map(i => ms(i.openedAt)),
    );
    expect(NOW - oldest).toBeLessThanOrEqual(366 * DAY);
    expect(NOW - oldest).toBeGreaterThan(360 * DAY);
  });

  it('has failed, staging and incident-causing deployments, and incidents without one', () => {
    expect(
      deployments.some(d => isProduction(d) && d.status === 'failure'),
    ).toBe(true);
    expect(deployments.filter(d => !isProduction(d)).length).toBeGreaterThan(
      100,
    );
    expect(deployments.some(d => d.environment === 'staging')).toBe(true);
    // Both spellings of production, and one in another case.
    expect(new Set(deployments.map(d => d.environment))).toEqual(
      new Set(['production', 'prod', 'Production', 'staging']),
    );
    const deploymentIds = new Set(deployments.map(d => d.id));
    const caused = incidents.filter(i => i.deploymentId !== undefined);
    expect(caused.length).toBeGreaterThan(10);
    expect(caused.every(i => deploymentIds.has(i.deploymentId!))).toBe(true);
    expect(
      incidents.filter(i => i.deploymentId === undefined).length,
    ).toBeGreaterThan(10);
  });

  it('sends changes whose shas are those of the deployments', () => {
    expect(changes.length).toBeGreaterThan(500);
    expect(new Set(changes.map(c => c.kind))).toEqual(
      new Set(['pull_request', 'commit']),
    );
    const shipped = new Map<string, Deployment>();
    for (const d of deployments.filter(isProduction)) {
      for (const sha of d.commitShas ?? []) shipped.set(sha, d);
    }
    for (const c of changes) {
      const deployment = shipped.get(c.sha);
      expect(deployment).toBeDefined();
      expect(ms(c.committedAt)).toBeGreaterThanOrEqual(
        ms(deployment!.firstCommitAt),
      );
      expect(ms(c.mergedAt ?? c.committedAt)).toBeLessThanOrEqual(
        ms(deployment!.startedAt),
      );
    }
  });

  it('puts the teams at different deployment-frequency tiers', () => {
    const from = NOW - 90 * DAY;
    const perTeam = new Map<string, number>();
    for (const d of deployments) {
      if (!isProduction(d) || d.status !== 'success') continue;
      if (ms(d.finishedAt) < from) continue;
      const team = teamOf.get(d.entityRef as string)!;
      perTeam.set(team, (perTeam.get(team) ?? 0) + 1);
    }
    const tier = (team: string): Tier =>
      deploymentFrequencyTier((perTeam.get(`group:default/${team}`) ?? 0) / 90);
    expect(tier('checkout-team')).toBe('elite');
    expect(tier('payments-team')).toBe('high');
    expect(tier('routing-team')).toBe('medium');
    expect(tier('fleet-team')).not.toBe('elite');
    expect(
      new Set([...perTeam.keys()].map(t => tier(t.split('/')[1]))).size,
    ).toBeGreaterThanOrEqual(3);
  });

  it('puts the teams at different change-failure-rate tiers over the year', () => {
    const causedIncident = new Set(incidents.map(i => i.deploymentId));
    const rate = (team: string) => {
      const mine = deployments.filter(
        d => isProduction(d) && teamOf.get(d.entityRef as string) === team,
      );
      const failed = mine.filter(
        d => d.status === 'failure' || causedIncident.has(d.id),
      );
      return failed.length / mine.length;
    };
    expect(rate('group:default/checkout-team')).toBeLessThanOrEqual(0.05);
    expect(rate('group:default/fleet-team')).toBeGreaterThan(0.15);
  });

  it('shows template services improving after the golden path came in', () => {
    const introduced = NOW - TEMPLATE_INTRODUCED_DAYS_AGO * DAY;
    const leadTimes = (fromTemplate: boolean, after: boolean) => {
      const refs = new Set(
        SERVICES.filter(s => s.fromTemplate === fromTemplate).map(s => s.ref),
      );
      const shipped = deployments.filter(
        d =>
          refs.has(d.entityRef as string) &&
          isProduction(d) &&
          d.status === 'success' &&
          (after
            ? ms(d.finishedAt) >= introduced + 30 * DAY
            : ms(d.finishedAt) < introduced),
      );
      return {
        count: shipped.length,
        days: after
          ? TEMPLATE_INTRODUCED_DAYS_AGO - 30
          : 365 - TEMPLATE_INTRODUCED_DAYS_AGO,
        median: median(
          shipped.map(d => ms(d.finishedAt) - ms(d.firstCommitAt)),
        ),
      };
    };
    const before = leadTimes(true, false);
    const after = leadTimes(true, true);
    expect(after.median).toBeLessThan(before.median * 0.6);
    expect(after.count / after.days).toBeGreaterThan(
      (1.8 * before.count) / before.days,
    );
    // Services not from the template do not change much.
    const otherBefore = leadTimes(false, false);
    const otherAfter = leadTimes(false, true);
    expect(otherAfter.median / otherBefore.median).toBeGreaterThan(0.6);
    expect(otherAfter.median / otherBefore.median).toBeLessThan(1.7);
  });

  it('shortens lead time for the teams that asked for faster CI runners, and for nobody else', () => {
    const effect = IMPROVEMENT_EFFECTS.find(e => e.leadTime)!;
    const shipped = NOW - effect.shippedDaysAgo * DAY;
    const scope = effect.teams.map(t => `group:default/${t}`);
    const leadTime = (inScope: boolean, after: boolean) =>
      median(
        deployments
          .filter(
            d =>
              scope.includes(teamOf.get(d.entityRef as string)!) === inScope &&
              isProduction(d) &&
              d.status === 'success' &&
              (after
                ? ms(d.finishedAt) >= shipped + 7 * DAY &&
                  ms(d.finishedAt) < shipped + 90 * DAY
                : ms(d.finishedAt) < shipped &&
                  ms(d.finishedAt) >= shipped - 90 * DAY),
          )
          .map(d => ms(d.finishedAt) - ms(d.firstCommitAt)),
      );
    expect(leadTime(true, true) / leadTime(true, false)).toBeLessThan(0.7);
    const rest = leadTime(false, true) / leadTime(false, false);
    expect(rest).toBeGreaterThan(0.75);
    expect(rest).toBeLessThan(1.33);
  });
});
