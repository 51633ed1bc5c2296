/*
 * What the read endpoints answer. Times are ISO strings (UTC), durations
 * seconds, rates 0–1; a value is null when its window holds nothing to
 * measure (no deployment, no resolved incident), never 0 in disguise.
 */
import { Tier } from './tiers';
import { WindowName } from './queries';

export type KpiWindow = {
  name: WindowName;
  /** Inclusive start, ISO. */
  from: string;
  /** Exclusive end, ISO. */
  to: string;
  days: number;
  tz: string;
  /** Series buckets: days for 7d and 30d windows, weeks (Monday) otherwise. */
  bucket: 'day' | 'week';
};

export type Scope =
  | { kind: 'organisation' }
  | { kind: 'team'; ref: string }
  | { kind: 'service'; ref: string };

export type DoraMetrics = {
  deploymentFrequency: {
    /** Successful production deployments in the window. */
    deployments: number;
    perDay: number;
    /** Distinct days with a successful production deployment, per week. */
    deployDaysPerWeek: number;
    tier: Tier | null;
  };
  leadTime: {
    medianSeconds: number | null;
    /** Successful deployments whose lead time is known. */
    measured: number;
    tier: Tier | null;
  };
  changeFailureRate: {
    rate: number | null;
    /** Production deployments that failed or caused an incident. */
    failures: number;
    /** All production deployments, successful or not. */
    total: number;
    tier: Tier | null;
  };
  timeToRestore: {
    medianSeconds: number | null;
    /** Incidents resolved in the window. */
    resolved: number;
    /** Incidents still open at the end of the window. */
    open: number;
    tier: Tier | null;
  };
  tier: Tier | null;
};

export type DoraSeriesPoint = {
  /** Bucket start, ISO (midnight in the window's time zone). */
  start: string;
  deployments: number;
  deployDays: number;
  medianLeadTimeSeconds: number | null;
  failures: number;
  total: number;
  changeFailureRate: number | null;
  incidentsResolved: number;
  medianTimeToRestoreSeconds: number | null;
};

export type DoraBreakdownRow = {
  /** A team (for the organisation) or a service (for a team). */
  ref: string;
  kind: 'team' | 'service';
  metrics: DoraMetrics;
};

export type DoraSummary = {
  window: KpiWindow;
  scope: Scope;
  metrics: DoraMetrics;
  /** The same metrics over the window just before (include=previous). */
  previous: DoraMetrics | null;
  /** Per day or week (include=series; else empty). */
  series: DoraSeriesPoint[];
  /**
   * Organisation → its teams; team → its services; service → empty
   * (include=breakdown; else empty).
   */
  breakdown: DoraBreakdownRow[];
  /** Some events in scope were sent by the demo seeder. */
  demoData: boolean;
};

export type FlowMetrics = {
  created: number;
  closed: number;
  medianTimeToTriageSeconds: number | null;
  medianTimeToResolveSeconds: number | null;
  /** Average rating (1–5) of requests closed in the window. */
  satisfaction: { average: number | null; ratings: number };
};

export type FlowSummary = {
  window: KpiWindow;
  scope: Scope;
  metrics: FlowMetrics;
  previous: FlowMetrics;
  series: Array<{ start: string; created: number; closed: number }>;
  backlog: {
    open: number;
    /** Open requests by age at the end of the window. */
    ages: Array<{ label: string; count: number }>;
  };
  /** Of the clocks that stopped or ran out in the window, the share met. */
  sla: Array<{
    urgency: string;
    triage: { met: number; total: number; rate: number | null };
    resolve: { met: number; total: number; rate: number | null };
  }>;
  topCategories: {
    byVotes: Array<{ category: string; value: number }>;
    byTeams: Array<{ category: string; value: number }>;
    byHoursLost: Array<{ category: string; value: number }>;
  };
  /** When the request collector last finished, ISO; null before its first run. */
  collectedAt: string | null;
};

export type AdoptionMetrics = {
  runs: number;
  succeeded: number;
  failed: number;
  successRate: number | null;
  hoursSaved: number;
};

export type AdoptionSummary = {
  window: KpiWindow;
  scope: Scope;
  metrics: AdoptionMetrics;
  previous: AdoptionMetrics;
  series: Array<{
    start: string;
    runs: number;
    succeeded: number;
    failed: number;
  }>;
  /** Components now in the catalog, and how many came from a template. */
  components: { total: number; fromTemplate: number; share: number | null };
  perTeam: Array<{
    team: string;
    total: number;
    fromTemplate: number;
    share: number | null;
  }>;
  byTemplate: Array<{
    template: string;
    runs: number;
    succeeded: number;
    hoursSaved: number;
  }>;
  collectedAt: string | null;
  /** How people rated their runs, per template (the surveys plugin's). */
  ratings: GoldenPathRatings;
};

/**
 * One template's answers to "How was it?" (1–5) after a golden-path run, all
 * time and organisation-wide: a mean, a count and the distribution at or
 * above the anonymity floor, nothing below it. Never per person.
 */
export type GoldenPathTemplateRating =
  | {
      template: string;
      enough: true;
      n: number;
      mean: number;
      /** 1 … 5, including scores nobody gave. */
      distribution: Array<{ value: number; count: number }>;
    }
  | { template: string; enough: false };

/**
 * The ratings as the surveys plugin gives them to the person asking, or why
 * they are not shown (only the platform team reads them; the surveys
 * plugin may be absent or failing): one message, the rest of adoption stays.
 */
export type GoldenPathRatings =
  | { available: true; floor: number; templates: GoldenPathTemplateRating[] }
  | { available: false; message: string };

export type CatalogHealthCounts = {
  components: number;
  withValidOwner: number;
  withSystem: number;
  withLifecycle: number;
  /** Components that should provide an API (type service). */
  needApi: number;
  /** Of those, the ones that provide one. */
  withApi: number;
  orphans: number;
};

export type CatalogHealthShares = {
  validOwner: number | null;
  system: number | null;
  lifecycle: number | null;
  api: number | null;
  /** Orphans ÷ components. */
  orphans: number | null;
};

export type CatalogHealthSummary = {
  window: KpiWindow;
  scope: Scope;
  /** The latest snapshot. */
  counts: CatalogHealthCounts;
  shares: CatalogHealthShares;
  /** The latest snapshot on or before the window's start. */
  previous: CatalogHealthShares | null;
  /** One point per snapshot day in the window. */
  series: Array<{ start: string } & CatalogHealthShares>;
  perTeam: Array<{
    team: string;
    counts: CatalogHealthCounts;
    shares: CatalogHealthShares;
  }>;
  /** Components that miss something, worst first (at most 100). */
  gaps: Array<{ entityRef: string; team: string | null; missing: string[] }>;
  takenAt: string | null;
};

/** GET /events: newest first, by event time. */
export type RecentEvents = {
  items: Array<
    | {
        type: 'deployment';
        id: string;
        environment: string;
        status: 'success' | 'failure';
        startedAt: string;
        finishedAt: string;
        leadTimeSeconds: number | null;
        causedIncident: boolean;
      }
    | {
        type: 'incident';
        id: string;
        severity: string;
        openedAt: string;
        resolvedAt: string | null;
        deploymentId: string | null;
      }
  >;
};

/**
 * GET /webhooks/unmatched: webhook events that no component claims yet,
 * per source and repository or service. They are applied once a component
 * gains `annotation` with `name` as its value.
 */
export type UnmatchedSource = {
  /** github, gitlab or pagerduty. */
  source: string;
  /** The catalog annotation that would claim them, e.g. github.com/project-slug. */
  annotation: string;
  /** The annotation's value: owner/repo, group/project or a service id (lowercased). */
  name: string;
  /** Events kept. */
  count: number;
  firstSeen: string;
  lastSeen: string;
};

export type UnmatchedSources = { items: UnmatchedSource[] };
