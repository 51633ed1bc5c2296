/*
 * The KPI page's filters as they live in the URL query string
 * (?window=30d&team=group:default/x&service=component:default/y), so a
 * drill-down can be bookmarked and shared. Only what differs from the
 * defaults is written, so /kpis?team=<ref> is the team's 90-day view.
 */
import { WINDOWS, WindowName } from '@internal/plugin-platform-kpis-common';
import { DoraKpiQuery, KpiQuery } from '../api';

export type KpiFilters = {
  window: WindowName;
  /** A Group ref; absent for the organisation. */
  team?: string;
  /** A Component ref; narrows the DORA section to one service. */
  service?: string;
};

export const DEFAULT_WINDOW: WindowName = '90d';

export const WINDOW_LABELS: Record<WindowName, string> = {
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  '365d': 'Last 365 days',
};

export function parseFilters(params: URLSearchParams): KpiFilters {
  const window = params.get('window') as WindowName | null;
  return {
    window: window && WINDOWS.includes(window) ? window : DEFAULT_WINDOW,
    team: params.get('team') || undefined,
    service: params.get('service') || undefined,
  };
}

export function filtersToParams(
  filters: Partial<KpiFilters>,
): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.window && filters.window !== DEFAULT_WINDOW) {
    params.window = filters.window;
  }
  if (filters.team) params.team = filters.team;
  if (filters.service) params.service = filters.service;
  return params;
}

/** `/kpis?team=…`, or `/kpis` for the organisation over the default window. */
export function kpiHref(base: string, filters: Partial<KpiFilters>): string {
  const qs = new URLSearchParams(filtersToParams(filters)).toString();
  return qs ? `${base}?${qs}` : base;
}

/** The DORA query: one service, else one team, else the organisation. */
export function doraQuery(filters: KpiFilters): DoraKpiQuery {
  if (filters.service) {
    return { window: filters.window, service: filters.service };
  }
  return teamQuery(filters);
}

/** /flow, /adoption, /catalog-health: the team, or the organisation. */
export function teamQuery(filters: KpiFilters): KpiQuery {
  return filters.team
    ? { window: filters.window, team: filters.team }
    : { window: filters.window };
}
