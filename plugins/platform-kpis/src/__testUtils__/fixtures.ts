/*
 * Realistic answers of the read endpoints, typed by the common types, and a
 * fake PlatformKpisApi: the component tests are about the UI, so the API is
 * a jest-mocked object, not HTTP.
 */
import { ResponseError } from '@backstage/errors';
import {
  AdoptionSummary,
  CatalogHealthSummary,
  DoraMetrics,
  DoraSeriesPoint,
  DoraSummary,
  FlowSummary,
  ImpactResult,
  KpiWindow,
  RecentEvents,
  Scope,
  WindowName,
} from '@internal/plugin-platform-kpis-common';
import { DoraKpiQuery, KpiQuery, PlatformKpisApi } from '../api';

export const CHECKOUT = 'group:default/checkout-team';
export const PAYMENTS = 'group:default/payments-team';
export const CHECKOUT_API = 'component:default/checkout-api';
export const CART_UI = 'component:default/cart-ui';

const HOUR = 3600;
const DAY = 24 * HOUR;

export function makeWindow(overrides: Partial<KpiWindow> = {}): KpiWindow {
  return {
    name: '90d',
    from: '2026-01-01T00:00:00.000Z',
    to: '2026-04-01T00:00:00.000Z',
    days: 90,
    tz: 'Europe/Berlin',
    bucket: 'week',
    ...overrides,
  };
}

export function makeDoraMetrics(
  overrides: Partial<DoraMetrics> = {},
): DoraMetrics {
  return {
    deploymentFrequency: {
      deployments: 126,
      perDay: 1.4,
      deployDaysPerWeek: 4.2,
      tier: 'elite',
    },
    leadTime: { medianSeconds: 3.2 * HOUR, measured: 120, tier: 'elite' },
    changeFailureRate: { rate: 0.08, failures: 11, total: 137, tier: 'high' },
    timeToRestore: {
      medianSeconds: 2.1 * DAY,
      resolved: 6,
      open: 1,
      tier: 'medium',
    },
    tier: 'medium',
    ...overrides,
  };
}

function doraSeries(): DoraSeriesPoint[] {
  return [0, 1, 2, 3].map(i => ({
    start: `2026-01-${String(5 + i * 7).padStart(2, '0')}T00:00:00.000+01:00`,
    deployments: 8 + i,
    deployDays: 4,
    medianLeadTimeSeconds: (3 + i) * HOUR,
    failures: i % 2,
    total: 9 + i,
    changeFailureRate: (i % 2) / (9 + i),
    incidentsResolved: i % 2,
    medianTimeToRestoreSeconds: i % 2 ? 2 * DAY : null,
  }));
}

/** The organisation over 90 days, broken down by team. */
export function makeDora(overrides: Partial<DoraSummary> = {}): DoraSummary {
  return {
    window: makeWindow(),
    scope: { kind: 'organisation' },
    metrics: makeDoraMetrics(),
    // Fewer deployments (worse), slower lead time (now better), lower failure
    // rate (now worse), same time to restore.
    previous: makeDoraMetrics({
      deploymentFrequency: {
        deployments: 90,
        perDay: 1.0,
        deployDaysPerWeek: 3.5,
        tier: 'elite',
      },
      leadTime: { medianSeconds: 4 * HOUR, measured: 85, tier: 'elite' },
      changeFailureRate: { rate: 0.05, failures: 5, total: 100, tier: 'elite' },
    }),
    series: doraSeries(),
    breakdown: [
      {
        ref: CHECKOUT,
        kind: 'team',
        metrics: makeDoraMetrics({ tier: 'high' }),
      },
      {
        ref: PAYMENTS,
        kind: 'team',
        metrics: makeDoraMetrics({
          deploymentFrequency: {
            deployments: 3,
            perDay: 0.03,
            deployDaysPerWeek: 0.2,
            tier: 'low',
          },
          tier: 'low',
        }),
      },
    ],
    demoData: false,
    ...overrides,
  };
}

/** One team over 90 days, broken down by its services. */
export function makeTeamDora(team = CHECKOUT): DoraSummary {
  return makeDora({
    scope: { kind: 'team', ref: team },
    breakdown: [
      { ref: CHECKOUT_API, kind: 'service', metrics: makeDoraMetrics() },
      { ref: CART_UI, kind: 'service', metrics: makeDoraMetrics() },
    ],
  });
}

export function makeServiceDora(service = CHECKOUT_API): DoraSummary {
  return makeDora({
    window: makeWindow({ name: '30d', days: 30, bucket: 'day' }),
    scope: { kind: 'service', ref: service },
    breakdown: [],
  });
}

/** No production deployment in the window: nothing to rate. */
export function makeEmptyDora(): DoraSummary {
  const none = makeDoraMetrics({
    deploymentFrequency: {
      deployments: 0,
      perDay: 0,
      deployDaysPerWeek: 0,
      tier: null,
    },
    leadTime: { medianSeconds: null, measured: 0, tier: null },
    changeFailureRate: { rate: null, failures: 0, total: 0, tier: null },
    timeToRestore: { medianSeconds: null, resolved: 0, open: 0, tier: null },
    tier: null,
  });
  return makeDora({
    metrics: none,
    previous: none,
    series: [],
    breakdown: [],
  });
}

export function makeFlow(overrides: Partial<FlowSummary> = {}): FlowSummary {
  return {
    window: makeWindow(),
    scope: { kind: 'organisation' },
    metrics: {
      created: 42,
      closed: 38,
      medianTimeToTriageSeconds: 5 * HOUR,
      medianTimeToResolveSeconds: 6 * DAY,
      satisfaction: { average: 4.3, ratings: 17 },
    },
    previous: {
      created: 35,
      closed: 40,
      medianTimeToTriageSeconds: 8 * HOUR,
      medianTimeToResolveSeconds: 5 * DAY,
      satisfaction: { average: 4.1, ratings: 12 },
    },
    series: [
      { start: '2026-01-05T00:00:00.000+01:00', created: 10, closed: 9 },
      { start: '2026-01-12T00:00:00.000+01:00', created: 12, closed: 11 },
    ],
    backlog: {
      open: 23,
      ages: [
        { label: '< 1 week', count: 9 },
        { label: '1–4 weeks', count: 10 },
        { label: '> 4 weeks', count: 4 },
      ],
    },
    sla: [
      {
        urgency: 'critical',
        triage: { met: 4, total: 5, rate: 0.8 },
        resolve: { met: 3, total: 4, rate: 0.75 },
      },
      {
        urgency: 'high',
        triage: { met: 9, total: 10, rate: 0.9 },
        resolve: { met: 0, total: 0, rate: null },
      },
    ],
    topCategories: {
      byVotes: [
        { category: 'ci-cd', value: 31 },
        { category: 'access', value: 12 },
      ],
      byTeams: [{ category: 'ci-cd', value: 6 }],
      byHoursLost: [{ category: 'environments', value: 120 }],
    },
    collectedAt: '2026-04-01T00:00:00.000Z',
    ...overrides,
  };
}

export function makeAdoption(
  overrides: Partial<AdoptionSummary> = {},
): AdoptionSummary {
  return {
    window: makeWindow(),
    scope: { kind: 'organisation' },
    metrics: {
      runs: 40,
      succeeded: 34,
      failed: 6,
      successRate: 0.85,
      hoursSaved: 272,
    },
    previous: {
      runs: 30,
      succeeded: 27,
      failed: 3,
      successRate: 0.9,
      hoursSaved: 210,
    },
    series: [
      {
        start: '2026-01-05T00:00:00.000+01:00',
        runs: 5,
        succeeded: 4,
        failed: 1,
      },
    ],
    components: { total: 80, fromTemplate: 52, share: 0.65 },
    perTeam: [
      { team: CHECKOUT, total: 12, fromTemplate: 10, share: 10 / 12 },
      { team: PAYMENTS, total: 8, fromTemplate: 2, share: 0.25 },
    ],
    byTemplate: [
      {
        template: 'template:default/node-service',
        runs: 25,
        succeeded: 22,
        hoursSaved: 176,
      },
    ],
    collectedAt: '2026-04-01T00:00:00.000Z',
    ratings: {
      available: true,
      floor: 5,
      templates: [
        {
          template: 'template:default/node-service',
          enough: true,
          n: 12,
          mean: 4.25,
          distribution: [
            { value: 1, count: 0 },
            { value: 2, count: 1 },
            { value: 3, count: 1 },
            { value: 4, count: 4 },
            { value: 5, count: 6 },
          ],
        },
        { template: 'template:default/scheduled-job', enough: false },
      ],
    },
    ...overrides,
  };
}

export function makeCatalogHealth(
  overrides: Partial<CatalogHealthSummary> = {},
): CatalogHealthSummary {
  const shares = {
    validOwner: 0.95,
    system: 0.8,
    lifecycle: 0.9,
    api: 0.7,
    orphans: 0.02,
  };
  return {
    window: makeWindow(),
    scope: { kind: 'organisation' },
    counts: {
      components: 80,
      withValidOwner: 76,
      withSystem: 64,
      withLifecycle: 72,
      needApi: 30,
      withApi: 21,
      orphans: 2,
    },
    shares,
    previous: { ...shares, validOwner: 0.9, orphans: 0.05 },
    series: [{ start: '2026-01-05T00:00:00.000+01:00', ...shares }],
    perTeam: [
      {
        team: CHECKOUT,
        counts: {
          components: 12,
          withValidOwner: 12,
          withSystem: 11,
          withLifecycle: 12,
          needApi: 5,
          withApi: 5,
          orphans: 0,
        },
        shares: { ...shares, validOwner: 1 },
      },
    ],
    gaps: [
      {
        entityRef: 'component:default/legacy-billing',
        team: PAYMENTS,
        missing: ['system', 'api'],
      },
    ],
    takenAt: '2026-04-01T00:00:00.000Z',
    ...overrides,
  };
}

export function makeEvents(): RecentEvents {
  return {
    items: [
      {
        type: 'incident',
        id: 'inc-7',
        severity: 'sev2',
        openedAt: '2026-03-31T10:00:00.000Z',
        resolvedAt: null,
        deploymentId: 'deploy-42',
      },
      {
        type: 'deployment',
        id: 'deploy-42',
        environment: 'production',
        status: 'success',
        startedAt: '2026-03-31T09:00:00.000Z',
        finishedAt: '2026-03-31T09:10:00.000Z',
        leadTimeSeconds: 3 * HOUR,
        causedIncident: true,
      },
      {
        type: 'deployment',
        id: 'deploy-41',
        environment: 'production',
        status: 'failure',
        startedAt: '2026-03-30T09:00:00.000Z',
        finishedAt: '2026-03-30T09:05:00.000Z',
        leadTimeSeconds: null,
        causedIncident: false,
      },
    ],
  };
}

/** The window the backend answers for a query's window name. */
export function windowFor(name: WindowName = '90d'): KpiWindow {
  const days = Number(name.slice(0, -1));
  return makeWindow({
    name,
    days,
    bucket: days <= 30 ? 'day' : 'week',
  });
}

function scopeOf(q: KpiQuery): Scope {
  return q.team ? { kind: 'team', ref: q.team } : { kind: 'organisation' };
}

/** The impact of "Faster CI runners" (shipped 2026-03-01) on lead time. */
export function makeImpact(
  overrides: Partial<ImpactResult> = {},
): ImpactResult {
  return {
    shippedAt: '2026-03-01T00:00:00.000Z',
    windowDays: 30,
    before: {
      from: '2026-01-30T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
    },
    after: {
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-31T00:00:00.000Z',
    },
    afterWindowComplete: true,
    scope: { teams: [CHECKOUT], entities: [] },
    kpis: [
      {
        kpi: 'leadTime',
        title: 'Lead time for changes',
        better: 'lower',
        unit: 'seconds',
        scope: {
          before: { value: 55_800, n: 24 },
          after: { value: 23_400, n: 24 },
        },
        rest: {
          before: { value: 36_000, n: 12 },
          after: { value: 36_000, n: 12 },
        },
        test: {
          name: 'Mann–Whitney U (rank-sum), two-sided',
          pValue: 0.0004,
          alpha: 0.05,
        },
        verdict: 'improved',
        reason:
          'The scope fell 58 % (p < 0.001); the rest of the organisation did not change.',
      },
    ],
    ...overrides,
  };
}

export type FakeApiOverrides = {
  [K in keyof PlatformKpisApi]?: jest.Mock;
};

/** Every method a jest.fn answering with a fixture; override what matters. */
export function fakeApi(
  overrides: FakeApiOverrides = {},
): jest.Mocked<PlatformKpisApi> {
  const defaults: Required<FakeApiOverrides> = {
    getDora: jest.fn(async (q: DoraKpiQuery) => {
      const window = windowFor(q.window);
      if (q.service) return { ...makeServiceDora(q.service), window };
      if (q.team) return { ...makeTeamDora(q.team), window };
      return makeDora({ window });
    }),
    getFlow: jest.fn(async (q: KpiQuery) =>
      makeFlow({ window: windowFor(q.window), scope: scopeOf(q) }),
    ),
    getAdoption: jest.fn(async (q: KpiQuery) =>
      makeAdoption({ window: windowFor(q.window), scope: scopeOf(q) }),
    ),
    getCatalogHealth: jest.fn(async (q: KpiQuery) =>
      makeCatalogHealth({ window: windowFor(q.window), scope: scopeOf(q) }),
    ),
    getRecentEvents: jest.fn(async () => makeEvents()),
    getUnmatchedSources: jest.fn(async () => ({ items: [] })),
    getImpact: jest.fn(async () => makeImpact()),
    getShippedImprovements: jest.fn(async () => []),
  };
  return { ...defaults, ...overrides } as jest.Mocked<PlatformKpisApi>;
}

/** A ResponseError as the client throws it for a Backstage error body. */
export function responseError(
  status: number,
  message: string,
  name = 'Error',
): Promise<ResponseError> {
  const body = JSON.stringify({
    error: { name, message },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    ok: false,
    status,
    statusText: String(status),
    url: 'http://localhost/api/platform-kpis',
    redirected: false,
    type: 'basic',
    headers: {
      get: (h: string) =>
        h.toLowerCase() === 'content-type' ? 'application/json' : null,
    } as Headers,
    text: async () => body,
  });
}
