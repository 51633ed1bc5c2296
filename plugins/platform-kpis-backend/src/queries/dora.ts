/*
 * The four DORA keys, aggregated in SQL for a window and a scope (the
 * organisation, one team, one service), with their series and the
 * breakdown one level down. Definitions: docs/kpis.md.
 */
import {
  changeFailureRateTier,
  deploymentFrequencyTier,
  DoraBreakdownRow,
  DoraMetrics,
  DoraSeriesPoint,
  DoraSummary,
  leadTimeTier,
  overallTier,
  Scope,
  timeToRestoreTier,
} from '@internal/plugin-platform-kpis-common';
import { Knex } from 'knex';
import { groupedMedian, num } from './sql';
import {
  bucketsOf,
  bucketSql,
  bucketStart,
  localDaySql,
  ResolvedWindow,
  windowView,
} from './window';

type Range = { from: number; to: number };

/** Raw counts per group, before they become metrics. */
type Counts = {
  deployments: number;
  deployDays: number;
  failures: number;
  total: number;
  leadMedianMs: number | null;
  leadMeasured: number;
  resolved: number;
  restoreMedianMs: number | null;
  open: number;
};

const EMPTY: Counts = {
  deployments: 0,
  deployDays: 0,
  failures: 0,
  total: 0,
  leadMedianMs: null,
  leadMeasured: 0,
  resolved: 0,
  restoreMedianMs: null,
  open: 0,
};

export class DoraQueries {
  constructor(private readonly knex: Knex) {}

  async summary(scope: Scope, w: ResolvedWindow): Promise<DoraSummary> {
    // One level down: the organisation's teams, a team's services.
    const groupBy = {
      organisation: 'team_ref',
      team: 'entity_ref',
      service: undefined,
    }[scope.kind];
    const dayCol = localDaySql('finished_at', w.spans);
    const [current, previous, series, breakdown, demoData] = await Promise.all([
      this.counts(scope, w, undefined, dayCol),
      this.counts(scope, w.previous, undefined, dayCol),
      this.counts(
        scope,
        w,
        bucketSql('finished_at', w),
        dayCol,
        bucketSql('resolved_at', w),
      ),
      groupBy
        ? this.counts(scope, w, groupBy, dayCol, groupBy)
        : Promise.resolve(new Map<string, Counts>()),
      this.hasDemoData(scope, w),
    ]);
    const days = w.days;
    return {
      window: windowView(w),
      scope,
      metrics: toMetrics(current.get('all') ?? EMPTY, days),
      previous: toMetrics(previous.get('all') ?? EMPTY, days),
      series: bucketsOf(w).map(b =>
        toPoint(b, series.get(String(b)) ?? EMPTY, w),
      ),
      breakdown: [...breakdown.entries()]
        .filter(([ref]) => ref !== 'null')
        .map(
          ([ref, counts]): DoraBreakdownRow => ({
            ref,
            kind: scope.kind === 'organisation' ? 'team' : 'service',
            metrics: toMetrics(counts, days),
          }),
        )
        .sort((a, b) => a.ref.localeCompare(b.ref)),
      demoData,
    };
  }

  private scoped(table: string, scope: Scope) {
    const q = this.knex(table);
    if (scope.kind === 'team') q.where('team_ref', scope.ref);
    if (scope.kind === 'service') q.where('entity_ref', scope.ref);
    return q;
  }

  /**
   * The counts behind the metrics over `range`, per group: everything
   * (`groupExpr` undefined → key 'all'), per bucket, or per team / service.
   * Deployments are grouped by `groupExpr`, incidents by `incidentGroupExpr`
   * (a bucket of their resolution time, or the same column).
   */
  private async counts(
    scope: Scope,
    range: Range,
    groupExpr: string | undefined,
    dayCol: string,
    incidentGroupExpr: string | undefined = groupExpr,
  ): Promise<Map<string, Counts>> {
    const { knex } = this;
    const g = groupExpr
      ? knex.raw(`${groupExpr} AS g`)
      : knex.raw("'all' AS g");
    const gi = incidentGroupExpr
      ? knex.raw(`${incidentGroupExpr} AS g`)
      : knex.raw("'all' AS g");
    const deployments = () =>
      this.scoped('kpi_deployments', scope)
        .where('production', 1)
        .where('finished_at', '>=', range.from)
        .where('finished_at', '<', range.to);
    const isOpenAtEnd =
      groupExpr === undefined || incidentGroupExpr === groupExpr;

    const [agg, lead, restored, open] = await Promise.all([
      deployments()
        .select(
          g,
          knex.raw(
            "SUM(CASE WHEN status = 'success' THEN 1 ELSE 0 END) AS deployments",
          ),
          knex.raw(
            `COUNT(DISTINCT CASE WHEN status = 'success' THEN ${dayCol} END) AS deploy_days`,
          ),
          knex.raw('SUM(change_failed) AS failures'),
          knex.raw('COUNT(*) AS total'),
          knex.raw(
            "SUM(CASE WHEN status = 'success' AND lead_time_ms IS NOT NULL THEN 1 ELSE 0 END) AS lead_measured",
          ),
        )
        .groupBy(knex.raw('1') as any),
      groupedMedian(
        knex,
        deployments()
          .where('status', 'success')
          .whereNotNull('lead_time_ms')
          .select(g, knex.raw('lead_time_ms AS v')),
      ),
      Promise.all([
        this.scoped('kpi_incidents', scope)
          .where('resolved_at', '>=', range.from)
          .where('resolved_at', '<', range.to)
          .select(gi, knex.raw('COUNT(*) AS resolved'))
          .groupBy(knex.raw('1') as any),
        groupedMedian(
          knex,
          this.scoped('kpi_incidents', scope)
            .where('resolved_at', '>=', range.from)
            .where('resolved_at', '<', range.to)
            .select(gi, knex.raw('restore_ms AS v')),
        ),
      ]),
      // Open at the end of the window: only meaningful for the whole window
      // and per team / service, not per bucket.
      isOpenAtEnd
        ? this.scoped('kpi_incidents', scope)
            .where('opened_at', '<', range.to)
            .where(q =>
              q.whereNull('resolved_at').orWhere('resolved_at', '>=', range.to),
            )
            .select(gi, knex.raw('COUNT(*) AS open'))
            .groupBy(knex.raw('1') as any)
        : Promise.resolve([]),
    ]);

    const out = new Map<string, Counts>();
    const get = (key: unknown) => {
      const k = String(key);
      let c = out.get(k);
      if (!c) {
        c = { ...EMPTY };
        out.set(k, c);
      }
      return c;
    };
    for (const r of agg as any[]) {
      const c = get(r.g);
      c.deployments = num(r.deployments);
      c.deployDays = num(r.deploy_days);
      c.failures = num(r.failures);
      c.total = num(r.total);
      c.leadMeasured = num(r.lead_measured);
    }
    for (const [k, m] of lead) get(k).leadMedianMs = m;
    const [resolvedRows, restoreMedians] = restored;
    for (const r of resolvedRows as any[]) get(r.g).resolved = num(r.resolved);
    for (const [k, m] of restoreMedians) get(k).restoreMedianMs = m;
    for (const r of open as any[]) get(r.g).open = num(r.open);
    return out;
  }

  private async hasDemoData(scope: Scope, w: ResolvedWindow): Promise<boolean> {
    const row = await this.scoped('kpi_deployments', scope)
      .where('demo', 1)
      .where('finished_at', '>=', w.previous.from)
      .where('finished_at', '<', w.to)
      .first(this.knex.raw('1 AS x'));
    return Boolean(row);
  }
}

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

export function toMetrics(c: Counts, days: number): DoraMetrics {
  const perDay = c.deployments / days;
  const rate = c.total === 0 ? null : c.failures / c.total;
  const lead = seconds(c.leadMedianMs);
  const restore = seconds(c.restoreMedianMs);
  const tiers = {
    deploymentFrequency: deploymentFrequencyTier(perDay),
    leadTime: leadTimeTier(lead),
    changeFailureRate: changeFailureRateTier(rate),
    timeToRestore: timeToRestoreTier(restore),
  };
  return {
    deploymentFrequency: {
      deployments: c.deployments,
      perDay,
      deployDaysPerWeek: (c.deployDays / days) * 7,
      tier: c.total === 0 ? null : tiers.deploymentFrequency,
    },
    leadTime: {
      medianSeconds: lead,
      measured: c.leadMeasured,
      tier: tiers.leadTime,
    },
    changeFailureRate: {
      rate,
      failures: c.failures,
      total: c.total,
      tier: tiers.changeFailureRate,
    },
    timeToRestore: {
      medianSeconds: restore,
      resolved: c.resolved,
      open: c.open,
      tier: tiers.timeToRestore,
    },
    tier: overallTier(c.deployments, Object.values(tiers)),
  };
}

function toPoint(
  bucket: number,
  c: Counts,
  w: ResolvedWindow,
): DoraSeriesPoint {
  return {
    start: bucketStart(bucket, w),
    deployments: c.deployments,
    deployDays: c.deployDays,
    medianLeadTimeSeconds: seconds(c.leadMedianMs),
    failures: c.failures,
    total: c.total,
    changeFailureRate: c.total === 0 ? null : c.failures / c.total,
    incidentsResolved: c.resolved,
    medianTimeToRestoreSeconds: seconds(c.restoreMedianMs),
  };
}
