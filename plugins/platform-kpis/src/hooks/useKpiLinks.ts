/*
 * Links into the KPI page with filters, and to the request list and
 * "Where effort goes" of the platform-requests plugin. Undefined when the page is not mounted (disabled
 * in app-config, plugin not installed), so callers leave the link out.
 */
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import { KpiFilters, kpiHref } from '../lib/filters';
import { effortRouteRef, requestListRouteRef, rootRouteRef } from '../routes';

export function useKpiLinks() {
  const kpis = useRouteRef(rootRouteRef);
  const requestList = useRouteRef(requestListRouteRef);
  const effort = useRouteRef(effortRouteRef);
  const base = kpis?.();
  const requestsBase = requestList?.();

  const kpisLink = useCallback(
    (filters: Partial<KpiFilters> = {}) =>
      base === undefined ? undefined : kpiHref(base, filters),
    [base],
  );
  /** The request list filtered to what a team filed: /requests?team=<ref>. */
  const requestsLink = useCallback(
    (team: string) =>
      requestsBase === undefined
        ? undefined
        : `${requestsBase}?${new URLSearchParams({ team })}`,
    [requestsBase],
  );
  return { kpisLink, requestsLink, effortLink: effort?.() };
}
