/*
 * The KPI page, and the pages of the platform-requests plugin it links to
 * (the request list from the team card, "Where effort goes" from the intake
 * flow); bound to them by default; undefined, and the link left out, when
 * that plugin is not installed.
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

/** /requests/effort of platform-requests: where the platform team's effort goes. */
export const effortRouteRef = createExternalRouteRef({
  defaultTarget: 'platform-requests.effort',
});
