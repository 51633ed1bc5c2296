/*
 * The platform team's own delivery: the intake flow of platform requests,
 * from the facts the request collector copies. All counting in SQL.
 */
import {
  FlowMetrics,
  FlowSummary,
  Scope,
} from '@internal/plugin-platform-kpis-common';
import { Knex } from 'knex';
import { groupedMedian, num, numOrNull } from './sql';
import {
  bucketsOf,
  bucketSql,
  bucketStart,
  DAY_MS,
  ResolvedWindow,
  windowView,
} from './window';

type Range = { from: number; to: number };

const CLOSED = ['done', 'declined', 'duplicate'];
const RESOLVED = ['done', 'declined'];
const TOP = 5;
/** Triage and resolve times count from filing or the last reopen. */
const OPENED = 'COALESCE(opened_at, created_at)';

/** Backlog age bands, in days: [label, lower bound]. */
const AGE_BANDS: Array<[string, number]> = [
  ['under 1 week', 0],
  ['1–4 weeks', 7],
  ['1–3 months', 28],
  ['over 3 months', 91],
];

export class FlowQueries {
  constructor(private readonly knex: Knex) {}

  async summary(
    scope: Scope,
    w: ResolvedWindow,
    collectedAt: number | null,
  ): Promise<FlowSummary> {
    const [metrics, previous, series, backlog, sla, topCategories] =
      await Promise.all([
        this.metrics(scope, w),
        this.metrics(scope, w.previous),
        this.series(scope, w),
        this.backlog(scope, w.to),
        this.sla(scope, w),
        this.topCategories(scope, w),
      ]);
    return {
      window: windowView(w),
      scope,
      metrics,
      previous,
      series,
      backlog,
      sla,
      topCategories,
      collectedAt:
        collectedAt === null ? null : new Date(collectedAt).toISOString(),
    };
  }

  private facts(scope: Scope) {
    const q = this.knex('kpi_request_facts');
    if (scope.kind === 'team') q.where('team_ref', scope.ref);
    return q;
  }

  private async metrics(scope: Scope, r: Range): Promise<FlowMetrics> {
    const { knex } = this;
    const [counts, triage, resolve] = await Promise.all([
      this.facts(scope)
        .where(q =>
          q
            .where(w =>
              w
                .where('created_at', '>=', r.from)
                .where('created_at', '<', r.to),
            )
            .orWhere(w =>
              w.where('closed_at', '>=', r.from).where('closed_at', '<', r.to),
            ),
        )
        .first(
          knex.raw(
            `SUM(CASE WHEN created_at >= ${r.from} AND created_at < ${r.to} THEN 1 ELSE 0 END) AS created`,
          ),
          knex.raw(
            `SUM(CASE WHEN closed_at >= ${r.from} AND closed_at < ${r.to} THEN 1 ELSE 0 END) AS closed`,
          ),
          knex.raw(
            `AVG(CASE WHEN closed_at >= ${r.from} AND closed_at < ${r.to} THEN rating END) AS satisfaction`,
          ),
          knex.raw(
            `SUM(CASE WHEN closed_at >= ${r.from} AND closed_at < ${r.to} AND rating IS NOT NULL THEN 1 ELSE 0 END) AS ratings`,
          ),
        ),
      groupedMedian(
        knex,
        this.facts(scope)
          .where('triaged_at', '>=', r.from)
          .where('triaged_at', '<', r.to)
          .select(
            knex.raw("'all' AS g"),
            knex.raw(`triaged_at - ${OPENED} AS v`),
          ),
      ),
      groupedMedian(
        knex,
        this.facts(scope)
          .whereIn('status', RESOLVED)
          .where('closed_at', '>=', r.from)
          .where('closed_at', '<', r.to)
          .select(
            knex.raw("'all' AS g"),
            knex.raw(`closed_at - ${OPENED} AS v`),
          ),
      ),
    ]);
    const seconds = (ms: number | undefined) =>
      ms === undefined ? null : ms / 1000;
    return {
      created: num(counts?.created),
      closed: num(counts?.closed),
      medianTimeToTriageSeconds: seconds(triage.get('all')),
      medianTimeToResolveSeconds: seconds(resolve.get('all')),
      satisfaction: {
        average: numOrNull(counts?.satisfaction),
        ratings: num(counts?.ratings),
      },
    };
  }

  private async series(scope: Scope, w: ResolvedWindow) {
    const { knex } = this;
    const [created, closed] = await Promise.all([
      this.facts(scope)
        .where('created_at', '>=', w.from)
        .where('created_at', '<', w.to)
        .select(
          knex.raw(`${bucketSql('created_at', w)} AS b`),
          knex.raw('COUNT(*) AS n'),
        )
        .groupBy(knex.raw('1') as any),
      this.facts(scope)
        .whereIn('status', CLOSED)
        .where('closed_at', '>=', w.from)
        .where('closed_at', '<', w.to)
        .select(
          knex.raw(`${bucketSql('closed_at', w)} AS b`),
          knex.raw('COUNT(*) AS n'),
        )
        .groupBy(knex.raw('1') as any),
    ]);
    const byBucket = (rows: any[]) =>
      new Map(rows.map(r => [num(r.b), num(r.n)]));
    const c = byBucket(created);
    const d = byBucket(closed);
    return bucketsOf(w).map(b => ({
      start: bucketStart(b, w),
      created: c.get(b) ?? 0,
      closed: d.get(b) ?? 0,
    }));
  }

  /** Requests open at `at` (filed before it and not yet closed then), by age. */
  private async backlog(scope: Scope, at: number) {
    const { knex } = this;
    const age = `(${at} - created_at)`;
    const band = `CASE ${AGE_BANDS.slice(1)
      .reverse()
      .map(
        ([, days], i) =>
          `WHEN ${age} >= ${days * DAY_MS} THEN ${AGE_BANDS.length - 1 - i}`,
      )
      .join(' ')} ELSE 0 END`;
    const rows: any[] = await this.facts(scope)
      .where('created_at', '<', at)
      .where(q => q.whereNull('closed_at').orWhere('closed_at', '>=', at))
      .select(knex.raw(`${band} AS band`), knex.raw('COUNT(*) AS n'))
      .groupBy(knex.raw('1') as any);
    const counts = new Map(rows.map(r => [num(r.band), num(r.n)]));
    const ages = AGE_BANDS.map(([label], i) => ({
      label,
      count: counts.get(i) ?? 0,
    }));
    return { open: ages.reduce((sum, a) => sum + a.count, 0), ages };
  }

  /**
   * Per urgency, the clocks that stopped in the window (met when they
   * stopped by their due time) or ran out in it without stopping.
   */
  private async sla(scope: Scope, r: Range) {
    const { knex } = this;
    const clock = (stop: string, due: string) => [
      knex.raw(
        `SUM(CASE WHEN (${stop} >= ${r.from} AND ${stop} < ${r.to}) OR (${stop} IS NULL AND ${due} >= ${r.from} AND ${due} < ${r.to}) THEN 1 ELSE 0 END) AS ${stop}_total`,
      ),
      knex.raw(
        `SUM(CASE WHEN ${stop} >= ${r.from} AND ${stop} < ${r.to} AND ${stop} <= ${due} THEN 1 ELSE 0 END) AS ${stop}_met`,
      ),
    ];
    const rows: any[] = await this.facts(scope)
      .select(
        'urgency',
        ...clock('triaged_at', 'triage_due_at'),
        ...clock('closed_at', 'resolve_due_at'),
      )
      .groupBy('urgency');
    const rate = (met: number, total: number) =>
      total === 0 ? null : met / total;
    return ['critical', 'high', 'medium', 'low'].map(urgency => {
      const row = rows.find(x => x.urgency === urgency) ?? {};
      const triage = {
        met: num(row.triaged_at_met),
        total: num(row.triaged_at_total),
      };
      const resolve = {
        met: num(row.closed_at_met),
        total: num(row.closed_at_total),
      };
      return {
        urgency,
        triage: { ...triage, rate: rate(triage.met, triage.total) },
        resolve: { ...resolve, rate: rate(resolve.met, resolve.total) },
      };
    });
  }

  /**
   * Categories of the requests that matter in the window: filed in it, or
   * still open at its end.
   */
  private async topCategories(scope: Scope, r: Range) {
    const { knex } = this;
    const relevant = (q: Knex.QueryBuilder) =>
      q.where(w =>
        w
          .where(x =>
            x
              .where('f.created_at', '>=', r.from)
              .where('f.created_at', '<', r.to),
          )
          .orWhere(x =>
            x
              .where('f.created_at', '<', r.to)
              .where(y =>
                y.whereNull('f.closed_at').orWhere('f.closed_at', '>=', r.to),
              ),
          ),
      );
    const base = () => {
      const q = knex('kpi_request_facts as f');
      if (scope.kind === 'team') q.where('f.team_ref', scope.ref);
      return relevant(q);
    };
    const top = (rows: any[]) =>
      rows.map(x => ({ category: String(x.category), value: num(x.value) }));
    const [byVotes, byHours, byTeams] = await Promise.all([
      base()
        .select('f.category', knex.raw('SUM(f.votes) AS value'))
        .groupBy('f.category')
        .orderBy('value', 'desc')
        .orderBy('f.category')
        .limit(TOP),
      base()
        .select('f.category', knex.raw('SUM(f.hours_lost_per_week) AS value'))
        .groupBy('f.category')
        .orderBy('value', 'desc')
        .orderBy('f.category')
        .limit(TOP),
      base()
        .join('kpi_request_teams as t', 't.request_key', 'f.request_key')
        .select('f.category', knex.raw('COUNT(DISTINCT t.team_ref) AS value'))
        .groupBy('f.category')
        .orderBy('value', 'desc')
        .orderBy('f.category')
        .limit(TOP),
    ]);
    return {
      byVotes: top(byVotes),
      byTeams: top(byTeams),
      byHoursLost: top(byHours),
    };
  }
}
