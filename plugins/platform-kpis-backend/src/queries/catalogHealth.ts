/*
 * Catalog health: the latest snapshot per component (for the counts, the
 * teams and the gaps) and the daily per-team snapshots (for the trend).
 */
import {
  CatalogHealthCounts,
  CatalogHealthShares,
  CatalogHealthSummary,
  Scope,
} from '@internal/plugin-platform-kpis-common';
import { Knex } from 'knex';
import { num } from './sql';
import { ResolvedWindow, windowView } from './window';

const GAPS_MAX = 100;

const COUNT_COLUMNS: Array<[keyof CatalogHealthCounts, string]> = [
  ['withValidOwner', 'valid_owner'],
  ['withSystem', 'has_system'],
  ['withLifecycle', 'has_lifecycle'],
  ['needApi', 'needs_api'],
  ['withApi', 'has_api'],
];

export class CatalogHealthQueries {
  constructor(private readonly knex: Knex) {}

  async summary(
    scope: Scope,
    w: ResolvedWindow,
    takenAt: number | null,
  ): Promise<CatalogHealthSummary> {
    const { knex } = this;
    const sums = [
      knex.raw('COUNT(*) AS components'),
      ...COUNT_COLUMNS.map(([, col]) => knex.raw(`SUM(${col}) AS ${col}`)),
      knex.raw('SUM(orphan) AS orphans'),
    ];
    const snapshotSums = [
      knex.raw('SUM(components) AS components'),
      ...COUNT_COLUMNS.map(([, col]) => knex.raw(`SUM(${col}) AS ${col}`)),
      knex.raw('SUM(orphans) AS orphans'),
    ];
    const [total, perTeam, trend, before, gaps] = await Promise.all([
      this.components(scope).first(...sums),
      this.components(scope)
        .select('team_ref', ...sums)
        .groupBy('team_ref')
        .orderBy('team_ref'),
      this.snapshots(scope)
        .where('day_start', '>=', w.from - 86_400_000)
        .where('day_start', '<', w.to)
        .select('day_start', ...snapshotSums)
        .groupBy('day_start')
        .orderBy('day_start'),
      this.snapshots(scope)
        .where(
          'day_start',
          '=',
          this.snapshots(scope)
            .where('day_start', '<=', w.from)
            .max('day_start'),
        )
        .first(...snapshotSums),
      this.components(scope)
        .where(q =>
          q
            .where('valid_owner', 0)
            .orWhere('has_system', 0)
            .orWhere('has_lifecycle', 0)
            .orWhere(x => x.where('needs_api', 1).where('has_api', 0))
            .orWhere('orphan', 1),
        )
        .select('*')
        .orderByRaw(
          '(1 - valid_owner) + (1 - has_system) + (1 - has_lifecycle) + orphan DESC',
        )
        .orderBy('entity_ref')
        .limit(GAPS_MAX),
    ]);
    const counts = toCounts(total);
    return {
      window: windowView(w),
      scope,
      counts,
      shares: toShares(counts),
      previous:
        before && num((before as any).components) > 0
          ? toShares(toCounts(before))
          : null,
      series: (trend as any[]).map(r => ({
        start: new Date(num(r.day_start)).toISOString(),
        ...toShares(toCounts(r)),
      })),
      perTeam: (perTeam as any[]).map(r => {
        const c = toCounts(r);
        return { team: r.team_ref ?? 'none', counts: c, shares: toShares(c) };
      }),
      gaps: (gaps as any[]).map(r => ({
        entityRef: r.entity_ref,
        team: r.team_ref ?? null,
        missing: [
          r.valid_owner ? null : 'owner',
          r.has_system ? null : 'system',
          r.has_lifecycle ? null : 'lifecycle',
          num(r.needs_api) && !num(r.has_api) ? 'api' : null,
          num(r.orphan) ? 'orphaned' : null,
        ].filter((m): m is string => m !== null),
      })),
      takenAt: takenAt === null ? null : new Date(takenAt).toISOString(),
    };
  }

  private components(scope: Scope) {
    const q = this.knex('kpi_catalog_components');
    if (scope.kind === 'team') q.where('team_ref', scope.ref);
    return q;
  }

  private snapshots(scope: Scope) {
    const q = this.knex('kpi_catalog_snapshots');
    if (scope.kind === 'team') q.where('team_ref', scope.ref);
    return q;
  }
}

function toCounts(row: any): CatalogHealthCounts {
  return {
    components: num(row?.components),
    withValidOwner: num(row?.valid_owner),
    withSystem: num(row?.has_system),
    withLifecycle: num(row?.has_lifecycle),
    needApi: num(row?.needs_api),
    withApi: num(row?.has_api),
    orphans: num(row?.orphans),
  };
}

function toShares(c: CatalogHealthCounts): CatalogHealthShares {
  const of = (part: number, total: number) =>
    total === 0 ? null : part / total;
  return {
    validOwner: of(c.withValidOwner, c.components),
    system: of(c.withSystem, c.components),
    lifecycle: of(c.withLifecycle, c.components),
    api: of(c.withApi, c.needApi),
    orphans: of(c.orphans, c.components),
  };
}
