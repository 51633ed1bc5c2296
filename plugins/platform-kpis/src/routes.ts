/*
 * The KPI page, and the request list of the platform-requests plugin that
 * the team card links to (bound to it by default; undefined, and the link
 * left out, when that plugin is not installed).
 */
import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/frontend-plugin-api';

/** /kpis: the KPI page, and the "KPIs" item of the sidebar. */
export const rootRouteRef = createRouteRef();

/** /requests of platform-requests; filters go in its query string. */
export const requestListRouteRef = createExternalRouteRef({
  defaultTarget: 'platform-requests.root',
});
