/*
 * The platform-kpis plugin for the new frontend system: its API client, the
 * KPI page (sidebar item "KPIs"), the "Delivery" card on Group pages and the
 * "Deployments and incidents" card on Component pages.
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import KpisIcon from '@material-ui/icons/Assessment';
import { PlatformKpisClient, platformKpisApiRef } from './api';
import { effortRouteRef, requestListRouteRef, rootRouteRef } from './routes';

export const platformKpisApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: platformKpisApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformKpisClient({ discoveryApi, fetchApi }),
    }),
});

/** page:platform-kpis — /kpis, in the sidebar as "KPIs". */
export const kpiPage = PageBlueprint.make({
  params: {
    path: '/kpis',
    routeRef: rootRouteRef,
    title: 'KPIs',
    icon: <KpisIcon fontSize="inherit" />,
    loader: () => import('./components/KpiPage').then(m => <m.KpiPage />),
  },
});

/** entity-card:platform-kpis/team-delivery — "Delivery" on Group pages. */
export const teamDeliveryCard = EntityCardBlueprint.make({
  name: 'team-delivery',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/TeamDeliveryCard').then(m => <m.TeamDeliveryCard />),
  },
});

/** entity-card:platform-kpis/service-delivery — on Component pages. */
export const serviceDeliveryCard = EntityCardBlueprint.make({
  name: 'service-delivery',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/ServiceDeliveryCard').then(m => (
        <m.ServiceDeliveryCard />
      )),
  },
});

export default createFrontendPlugin({
  pluginId: 'platform-kpis',
  title: 'Platform KPIs',
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  externalRoutes: {
    requestList: requestListRouteRef,
    effort: effortRouteRef,
  },
  extensions: [platformKpisApi, kpiPage, teamDeliveryCard, serviceDeliveryCard],
});
