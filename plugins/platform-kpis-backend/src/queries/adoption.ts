/*
 * Golden-path adoption: template runs and hours saved (from the template-run
 * collector's copy of scaffolder tasks) and the share of catalog Components
 * created from a template (from the latest catalog snapshot).
 */
import {
  AdoptionMetrics,
  AdoptionSummary,
  Scope,
} from '@internal/plugin-platform-kpis-common';
import { Knex } from 'knex';
import { num } from './sql';
import {
  bucketsOf,
  bucketSql,
  bucketStart,
  ResolvedWindow,
  windowView,
} from './window';

type Range = { from: number; to: number };

const share = (part: number, total: number) =>
  total === 0 ? null : part / total;

export class AdoptionQueries {
  constructor(private readonly knex: Knex) {}

  async summary(
    scope: Scope,
    w: ResolvedWindow,
    collectedAt: number | null,
  ): Promise<Omit<AdoptionSummary, 'ratings'>> {
    const { knex } = this;
    const [metrics, previous, series, perTeam, byTemplate] = await Promise.all([
      this.metrics(scope, w),
      this.metrics(scope, w.previous),
      this.runs(scope, w)
        .select(
          knex.raw(`${bucketSql('created_at', w)} AS b`),
          ...this.outcomeColumns(),
        )
        .groupBy(knex.raw('1') as any),
      this.components(scope)
        .select(
          'team_ref',
          knex.raw('COUNT(*) AS total'),
          knex.raw('SUM(from_template) AS from_template'),
        )
        .groupBy('team_ref')
        .orderBy('team_ref'),
      this.runs(scope, w)
        .select(
          'template_ref',
          knex.raw('COUNT(*) AS runs'),
          knex.raw(
            "SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS succeeded",
          ),
          knex.raw(
            "SUM(CASE WHEN status = 'completed' THEN hours_saved ELSE 0 END) AS hours",
          ),
        )
        .groupBy('template_ref')
        .orderBy('runs', 'desc')
        .orderBy('template_ref'),
    ]);
    const buckets = new Map((series as any[]).map(r => [num(r.b), r]));
    const teams = (perTeam as any[]).map(r => ({
      team: r.team_ref === null ? 'none' : String(r.team_ref),
      total: num(r.total),
      fromTemplate: num(r.from_template),
      share: share(num(r.from_template), num(r.total)),
    }));
    const total = teams.reduce((s, t) => s + t.total, 0);
    const fromTemplate = teams.reduce((s, t) => s + t.fromTemplate, 0);
    return {
      window: windowView(w),
      scope,
      metrics,
      previous,
      series: bucketsOf(w).map(b => {
        const r = buckets.get(b);
        return {
          start: bucketStart(b, w),
          runs: num(r?.runs),
          succeeded: num(r?.succeeded),
          failed: num(r?.failed),
        };
      }),
      components: { total, fromTemplate, share: share(fromTemplate, total) },
      perTeam: teams,
      byTemplate: (byTemplate as any[]).map(r => ({
        template: String(r.template_ref),
        runs: num(r.runs),
        succeeded: num(r.succeeded),
        hoursSaved: num(r.hours),
      })),
      collectedAt:
        collectedAt === null ? null : new Date(collectedAt).toISOString(),
    };
  }

  private runs(scope: Scope, r: Range) {
    const q = this.knex('kpi_template_runs')
      .where('created_at', '>=', r.from)
      .where('created_at', '<', r.to);
    if (scope.kind === 'team') q.where('team_ref', scope.ref);
    return q;
  }

  private components(scope: Scope) {
    const q = this.knex('kpi_catalog_components');
    if (scope.kind === 'team') q.where('team_ref', scope.ref);
    return q;
  }

  private outcomeColumns() {
    const { knex } = this;
    return [
      knex.raw('COUNT(*) AS runs'),
      knex.raw(
        "SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS succeeded",
      ),
      knex.raw(
        "SUM(CASE WHEN status IN ('failed', 'cancelled') THEN 1 ELSE 0 END) AS failed",
      ),
    ];
  }

  private async metrics(scope: Scope, r: Range): Promise<AdoptionMetrics> {
    const row: any = await this.runs(scope, r).first(
      ...this.outcomeColumns(),
      this.knex.raw(
        "SUM(CASE WHEN status = 'completed' THEN hours_saved ELSE 0 END) AS hours",
      ),
    );
    const succeeded = num(row?.succeeded);
    const failed = num(row?.failed);
    return {
      runs: num(row?.runs),
      succeeded,
      failed,
      // Of the runs that finished; those still running are not yet a success or not.
      successRate: share(succeeded, succeeded + failed),
      hoursSaved: num(row?.hours),
    };
  }
}
