/*
 * The read side: one method per endpoint, each turning a validated query
 * into a scope and a window and handing them to its SQL.
 */
import {
  AdoptionQuery,
  AdoptionSummary,
  CatalogHealthQuery,
  CatalogHealthSummary,
  DoraQuery,
  DoraSummary,
  FlowQuery,
  FlowSummary,
  ImpactQuery,
  ImpactResult,
  RecentEvents,
  RecentEventsQuery,
  Scope,
} from '@internal/plugin-platform-kpis-common';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { CollectorState } from '../database/CollectorState';
import { ImpactQueries } from '../impact/ImpactQueries';
import { SurveyScoreReader } from '../service/SurveysClient';
import { AdoptionQueries } from './adoption';
import { CatalogHealthQueries } from './catalogHealth';
import { DoraQueries } from './dora';
import { FlowQueries } from './flow';
import { num } from './sql';
import { resolveWindow } from './window';

function scopeOf(query: { team?: string; service?: string }): Scope {
  if (query.service) return { kind: 'service', ref: query.service };
  if (query.team) return { kind: 'team', ref: query.team };
  return { kind: 'organisation' };
}

const iso = (ms: unknown) => new Date(num(ms)).toISOString();

export class KpiQueries {
  private readonly doraQueries: DoraQueries;
  private readonly flowQueries: FlowQueries;
  private readonly adoptionQueries: AdoptionQueries;
  private readonly catalogQueries: CatalogHealthQueries;
  private readonly impactQueries: ImpactQueries;

  constructor(
    private readonly knex: Knex,
    private readonly state: CollectorState,
    private readonly now: () => number = Date.now,
    surveys?: SurveyScoreReader,
  ) {
    this.doraQueries = new DoraQueries(knex);
    this.flowQueries = new FlowQueries(knex);
    this.adoptionQueries = new AdoptionQueries(knex);
    this.catalogQueries = new CatalogHealthQueries(knex);
    this.impactQueries = new ImpactQueries(knex, now, surveys);
  }

  dora(query: DoraQuery): Promise<DoraSummary> {
    return this.doraQueries.summary(
      scopeOf(query),
      resolveWindow(query, this.now()),
      query.include,
    );
  }

  async flow(query: FlowQuery): Promise<FlowSummary> {
    return this.flowQueries.summary(
      scopeOf(query),
      resolveWindow(query, this.now()),
      await this.state.collectedAt('requests'),
    );
  }

  /** Without the ratings, which the surveys plugin holds (GoldenPathRatings). */
  async adoption(
    query: AdoptionQuery,
  ): Promise<Omit<AdoptionSummary, 'ratings'>> {
    return this.adoptionQueries.summary(
      scopeOf(query),
      resolveWindow(query, this.now()),
      await this.state.collectedAt('template-runs'),
    );
  }

  async catalogHealth(
    query: CatalogHealthQuery,
  ): Promise<CatalogHealthSummary> {
    return this.catalogQueries.summary(
      scopeOf(query),
      resolveWindow(query, this.now()),
      await this.state.collectedAt('catalog'),
    );
  }

  /** A shipped improvement's effect on its target KPIs, as `caller` may see it. */
  impact(
    query: ImpactQuery,
    caller?: BackstageCredentials,
  ): Promise<ImpactResult> {
    return this.impactQueries.impact(query, caller);
  }

  async recentEvents(query: RecentEventsQuery): Promise<RecentEvents> {
    const { knex } = this;
    const [deployments, incidents] = await Promise.all([
      query.type === 'incident'
        ? []
        : knex('kpi_deployments')
            .where('entity_ref', query.service)
            .orderBy('finished_at', 'desc')
            .limit(query.limit),
      query.type === 'deployment'
        ? []
        : knex('kpi_incidents')
            .where('entity_ref', query.service)
            .orderBy('opened_at', 'desc')
            .limit(query.limit),
    ]);
    const items: Array<RecentEvents['items'][number] & { at: number }> = [
      ...deployments.map((d: any) => ({
        type: 'deployment' as const,
        id: d.id,
        environment: d.environment,
        status: d.status,
        startedAt: iso(d.started_at),
        finishedAt: iso(d.finished_at),
        leadTimeSeconds:
          d.lead_time_ms === null ? null : num(d.lead_time_ms) / 1000,
        causedIncident: num(d.caused_incident) === 1,
        at: num(d.finished_at),
      })),
      ...incidents.map((i: any) => ({
        type: 'incident' as const,
        id: i.id,
        severity: i.severity,
        openedAt: iso(i.opened_at),
        resolvedAt: i.resolved_at === null ? null : iso(i.resolved_at),
        deploymentId: i.deployment_id,
        at: num(i.opened_at),
      })),
    ];
    items.sort((a, b) => b.at - a.at);
    return {
      items: items.slice(0, query.limit).map(({ at, ...item }) => item),
    };
  }
}
