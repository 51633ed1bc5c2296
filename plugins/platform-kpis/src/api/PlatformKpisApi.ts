/*
 * What the UI may ask of the platform-kpis backend. Components and hooks
 * depend on this interface only, so tests hand them a fake object and the
 * HTTP details stay in PlatformKpisClient.
 */
import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  AdoptionSummary,
  DoraExtra,
  CatalogHealthSummary,
  DoraSummary,
  FlowSummary,
  ImpactResult,
  ImpactWindowDays,
  RecentEvents,
  UnmatchedSources,
  WindowName,
} from '@internal/plugin-platform-kpis-common';

/** The scope and window of /flow, /adoption and /catalog-health. */
export type KpiQuery = {
  /** Default 90d. */
  window?: WindowName;
  /** A Group ref; absent for the whole organisation. */
  team?: string;
  /** The end of the window, ISO with a zone; default now. */
  until?: string;
};

/** /dora also narrows to one service (a Component ref). */
export type DoraKpiQuery = KpiQuery & {
  /** Wins over `team`: the backend takes one or the other. */
  service?: string;
  /** The previous window, the series and the breakdown, when needed. */
  include?: DoraExtra[];
};

/** GET /events: a service's latest deployments and incidents. */
export type RecentEventsQuery = {
  service: string;
  type?: 'deployment' | 'incident';
  limit?: number;
};

/** GET /impact: a shipped improvement's effect on its target KPIs. */
export type ImpactApiQuery = {
  shippedAt: string;
  /** Default 30. */
  windowDays?: ImpactWindowDays;
  kpis: string[];
  /** None of either: everyone. */
  teams?: string[];
  entities?: string[];
};

/** A shipped improvement as the requests plugin lists it. */
export type ShippedImprovement = {
  id: string;
  title: string;
  status: string;
  shippedAt: string;
  scope: { teams: string[]; entities: string[] };
  targetKpis: string[];
};

export interface PlatformKpisApi {
  getDora(query: DoraKpiQuery): Promise<DoraSummary>;
  getFlow(query: KpiQuery): Promise<FlowSummary>;
  getAdoption(query: KpiQuery): Promise<AdoptionSummary>;
  getCatalogHealth(query: KpiQuery): Promise<CatalogHealthSummary>;
  getRecentEvents(query: RecentEventsQuery): Promise<RecentEvents>;
  /** Webhook events no component claims yet, per source and name. */
  getUnmatchedSources(): Promise<UnmatchedSources>;
  getImpact(query: ImpactApiQuery): Promise<ImpactResult>;
  /**
   * The improvements the platform team shipped, from the requests plugin;
   * none while that plugin has no improvements route (404).
   */
  getShippedImprovements(): Promise<ShippedImprovement[]>;
}

export const platformKpisApiRef = createApiRef<PlatformKpisApi>().with({
  id: 'plugin.platform-kpis.client',
  pluginId: 'platform-kpis',
});
