/**
 * Platform KPIs in the portal: DORA of the teams and services, the platform
 * team's intake flow, golden-path adoption and catalog health, with
 * drill-down, exports and entity cards. The default export is the
 * new-frontend-system plugin, which `app.packages: all` discovers;
 * `HeadlineKpis` is for the home page.
 *
 * @packageDocumentation
 */
export { default } from './plugin';
export { PlatformKpisClient, platformKpisApiRef } from './api';
export type {
  DoraKpiQuery,
  KpiQuery,
  PlatformKpisApi,
  RecentEventsQuery,
} from './api';
export { HeadlineKpis } from './components/HeadlineKpis';
export { requestListRouteRef, rootRouteRef } from './routes';
