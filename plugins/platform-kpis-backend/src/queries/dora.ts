/*
 * The four DORA keys, aggregated in SQL for a window and a scope (the
 * organisation, one team, one service), with their series and the
 * breakdown one level down. Definitions: docs/kpis.md.
 */
import {
  changeFailureRateTier,
  deploymentFrequencyTier,
  DORA_EXTRAS,
  DoraBreakdownRow,
  DoraExtra,
  DoraMetrics,
  DoraSeriesPoint,
  DoraSummary,
  leadTimeTier,
  overallTier,
  Scope,
  timeToRestoreTier,
} from '@internal/plugin-platform-kpis-common';
import { Knex } from 'knex';

const none = <T>() => Promise.resolve(new Map<string, T>());
import { groupedMedian, isPostgres, num, numOrNull } from './sql';
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

  async summary(
    scope: Scope,
    w: ResolvedWindow,
    include: readonly DoraExtra[] = DORA_EXTRAS,
  ): Promise<DoraSummary> {
    const wants = (extra: DoraExtra) => include.includes(extra);
    // One level down: the organisation's teams, a team's services.
    const groupBy = {
      organisation: 'team_ref',
      team: 'entity_ref',
      service: undefined,
    }[scope.kind];
    const dayCol = localDaySql('finished_at', w.spans);
    const [
      now,
      before,
      series,
      breakdown,
      open,
      openBefore,
      openByGroup,
      demoData,
    ] = await Promise.all([
      this.counts(scope, w, undefined, dayCol),
      wants('previous')
        ? this.counts(scope, w.previous, undefined, dayCol)
        : none<Counts>(),
      wants('series')
        ? this.counts(
            scope,
            w,
            bucketSql('finished_at', w),
            dayCol,
            bucketSql('resolved_at', w),
          )
        : none<Counts>(),
      groupBy && wants('breakdown')
        ? this.counts(scope, w, groupBy, dayCol, groupBy)
        : none<Counts>(),
      this.openAt(scope, w.to, undefined),
      wants('previous')
        ? this.openAt(scope, w.from, undefined)
        : none<number>(),
      groupBy && wants('breakdown')
        ? this.openAt(scope, w.to, groupBy)
        : none<number>(),
      this.hasDemoData(scope, w),
    ]);
    const current = {
      ...(now.get('all') ?? EMPTY),
      open: open.get('all') ?? 0,
    };
    const previous = {
      ...(before.get('all') ?? EMPTY),
      open: openBefore.get('all') ?? 0,
    };
    for (const [ref, counts] of breakdown)
      counts.open = openByGroup.get(ref) ?? 0;
    const days = w.days;
    return {
      window: windowView(w),
      scope,
      metrics: toMetrics(current, days),
      previous: wants('previous') ? toMetrics(previous, days) : null,
      series: !wants('series')
        ? []
        : bucketsOf(w).map(b => toPoint(b, series.get(String(b)) ?? EMPTY, w)),
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

  private scoped(table: string, scope: Scope, db: Knex = this.knex) {
    const q = db(table);
    if (scope.kind === 'team') q.where('team_ref', scope.ref);
    if (scope.kind === 'service') q.where('entity_ref', scope.ref);
    return q;
  }

  /**
   * The counts behind the metrics over `range`, per group: everything
   * (`groupExpr` undefined → key 'all'), per period, per bucket, or per team
   * / service. Deployments are grouped by `groupExpr`, incidents by
   * `incidentGroupExpr` (the same over their resolution time). On
   * PostgreSQL the medians come out of the same pass as the counts.
   */
  private async counts(
    scope: Scope,
    range: Range,
    groupExpr: string | undefined,
    dayCol: string,
    incidentGroupExpr: string | undefined = groupExpr,
  ): Promise<Map<string, Counts>> {
    return this.withSortMemory(db =>
      this.countsIn(db, scope, range, groupExpr, dayCol, incidentGroupExpr),
    );
  }

  /**
   * On PostgreSQL, one transaction with enough memory for the sorts behind
   * medians and distinct days (the default 4 MB spills ~100,000 rows to disk).
   */
  private async withSortMemory<T>(fn: (db: Knex) => Promise<T>): Promise<T> {
    if (!isPostgres(this.knex)) return fn(this.knex);
    return this.knex.transaction(
      async trx => {
        await trx.raw("SET LOCAL work_mem = '32MB'");
        return fn(trx);
      },
      { readOnly: true },
    );
  }

  private async countsIn(
    knex: Knex,
    scope: Scope,
    range: Range,
    groupExpr: string | undefined,
    dayCol: string,
    incidentGroupExpr: string | undefined,
  ): Promise<Map<string, Counts>> {
    const pg = isPostgres(knex);
    const g = knex.raw(`${groupExpr ?? "'all'"} AS g`);
    const gi = knex.raw(`${incidentGroupExpr ?? "'all'"} AS g`);
    const deployments = () =>
      this.scoped('kpi_deployments', scope, knex)
        .where('production', 1)
        .where('finished_at', '>=', range.from)
        .where('finished_at', '<', range.to);
    const resolved = () =>
      this.scoped('kpi_incidents', scope, knex)
        .where('resolved_at', '>=', range.from)
        .where('resolved_at', '<', range.to);
    const measured = "status = 'success' AND lead_time_ms IS NOT NULL";

    const [agg, lead, incidents, restore] = await Promise.all([
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
            `SUM(CASE WHEN ${measured} THEN 1 ELSE 0 END) AS lead_measured`,
          ),
          ...(pg
            ? [
                knex.raw(
                  `percentile_cont(0.5) WITHIN GROUP (ORDER BY lead_time_ms) FILTER (WHERE ${measured}) AS lead_median`,
                ),
              ]
            : []),
        )
        .groupBy(knex.raw('1') as any),
      pg
        ? undefined
        : groupedMedian(
            knex,
            deployments()
              .whereRaw(measured)
              .select(g, knex.raw('lead_time_ms AS v')),
          ),
      resolved()
        .select(
          gi,
          knex.raw('COUNT(*) AS resolved'),
          ...(pg
            ? [
                knex.raw(
                  'percentile_cont(0.5) WITHIN GROUP (ORDER BY restore_ms) AS restore_median',
                ),
              ]
            : []),
        )
        .groupBy(knex.raw('1') as any),
      pg
        ? undefined
        : groupedMedian(
            knex,
            resolved().select(gi, knex.raw('restore_ms AS v')),
          ),
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
      c.leadMedianMs = numOrNull(r.lead_median);
    }
    for (const [k, m] of lead ?? []) get(k).leadMedianMs = m;
    for (const r of incidents as any[]) {
      const c = get(r.g);
      c.resolved = num(r.resolved);
      c.restoreMedianMs = numOrNull(r.restore_median);
    }
    for (const [k, m] of restore ?? []) get(k).restoreMedianMs = m;
    return out;
  }

  /**
   * Incidents open at `at`, per group: opened before it and resolved at or
   * after it, or not at all. Two indexed counts on resolved_at, instead of
   * every incident ever opened before `at`.
   */
  private async openAt(
    scope: Scope,
    at: number,
    groupExpr: string | undefined,
  ): Promise<Map<string, number>> {
    const g = this.knex.raw(`${groupExpr ?? "'all'"} AS g`);
    const count = (resolved: (q: Knex.QueryBuilder) => void) =>
      this.scoped('kpi_incidents', scope)
        .where(resolved)
        .where('opened_at', '<', at)
        .select(g, this.knex.raw('COUNT(*) AS open'))
        .groupBy(this.knex.raw('1') as any);
    const [unresolved, later] = await Promise.all([
      count(q => q.whereNull('resolved_at')),
      count(q => q.where('resolved_at', '>=', at)),
    ]);
    const out = new Map<string, number>();
    for (const r of [...unresolved, ...later] as any[]) {
      out.set(String(r.g), (out.get(String(r.g)) ?? 0) + num(r.open));
    }
    return out;
  }

  private async hasDemoData(scope: Scope, w: ResolvedWindow): Promise<boolean> {
    // A literal, so PostgreSQL matches the partial index kpi_deployments_demo_idx.
    const row = await this.scoped('kpi_deployments', scope)
      .whereRaw('demo = 1')
      .where('finished_at', '>=', w.previous.from)
      .where('finished_at', '<', w.to)
      .first(this.knex.raw('1 AS x'));
    return Boolean(row);
  }
}

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

function toMetrics(c: Counts, days: number): DoraMetrics {
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
    tier: overallTier(c.total, Object.values(tiers)),
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
