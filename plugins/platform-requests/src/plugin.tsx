/*
 * The platform-requests plugin for the new frontend system: its API
 * clients, four request pages (list, file, triage, request), three
 * improvement pages (list, new, one), header shortcuts, the "Requests" tab
 * on entity pages and the "Improvements" tab on Group pages. Only the two
 * lists have an icon, so they are the sidebar items ("Requests",
 * "Improvements").
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  PluginHeaderActionBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import RequestsIcon from '@material-ui/icons/RecordVoiceOver';
import ImprovementsIcon from '@material-ui/icons/TrendingUp';
import {
  ImprovementsClient,
  improvementsApiRef,
  PlatformRequestsClient,
  platformRequestsApiRef,
} from './api';
import {
  effortRouteRef,
  improvementRouteRef,
  improvementsRouteRef,
  newImprovementRouteRef,
  newRequestRouteRef,
  requestRouteRef,
  rootRouteRef,
  triageRouteRef,
} from './routes';

export const platformRequestsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: platformRequestsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformRequestsClient({ discoveryApi, fetchApi }),
    }),
});

export const improvementsApi = ApiBlueprint.make({
  name: 'improvements',
  params: defineParams =>
    defineParams({
      api: improvementsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ImprovementsClient({ discoveryApi, fetchApi }),
    }),
});

/** page:platform-requests — /requests, in the sidebar as "Requests". */
export const requestListPage = PageBlueprint.make({
  params: {
    path: '/requests',
    routeRef: rootRouteRef,
    title: 'Requests',
    icon: <RequestsIcon fontSize="inherit" />,
    loader: () =>
      import('./components/RequestListPage').then(m => <m.RequestListPage />),
  },
});

/** page:platform-requests/new — /requests/new */
export const fileRequestPage = PageBlueprint.make({
  name: 'new',
  params: {
    path: '/requests/new',
    routeRef: newRequestRouteRef,
    title: 'File a request',
    loader: () =>
      import('./components/FileRequestPage').then(m => <m.FileRequestPage />),
  },
});

/** page:platform-requests/triage — /requests/triage */
export const triageBoardPage = PageBlueprint.make({
  name: 'triage',
  params: {
    path: '/requests/triage',
    routeRef: triageRouteRef,
    title: 'Triage board',
    loader: () =>
      import('./components/TriageBoardPage').then(m => <m.TriageBoardPage />),
  },
});

/** page:platform-requests/effort — /requests/effort */
export const effortPage = PageBlueprint.make({
  name: 'effort',
  params: {
    path: '/requests/effort',
    routeRef: effortRouteRef,
    title: 'Where effort goes',
    loader: () => import('./components/EffortPage').then(m => <m.EffortPage />),
  },
});

/** page:platform-requests/request — /requests/:key */
export const requestPage = PageBlueprint.make({
  name: 'request',
  params: {
    path: '/requests/:key',
    routeRef: requestRouteRef,
    title: 'Request',
    loader: () =>
      import('./components/RequestPage').then(m => <m.RequestRoute />),
  },
});

/** page:platform-requests/improvements — /improvements, in the sidebar. */
export const improvementListPage = PageBlueprint.make({
  name: 'improvements',
  params: {
    path: '/improvements',
    routeRef: improvementsRouteRef,
    title: 'Improvements',
    icon: <ImprovementsIcon fontSize="inherit" />,
    loader: () =>
      import('./components/ImprovementListPage').then(m => (
        <m.ImprovementListPage />
      )),
  },
});

/** page:platform-requests/new-improvement — /improvements/new */
export const newImprovementPage = PageBlueprint.make({
  name: 'new-improvement',
  params: {
    path: '/improvements/new',
    routeRef: newImprovementRouteRef,
    title: 'New improvement',
    loader: () =>
      import('./components/NewImprovementPage').then(m => (
        <m.NewImprovementPage />
      )),
  },
});

/** page:platform-requests/improvement — /improvements/:id */
export const improvementPage = PageBlueprint.make({
  name: 'improvement',
  params: {
    path: '/improvements/:id',
    routeRef: improvementRouteRef,
    title: 'Improvement',
    loader: () =>
      import('./components/ImprovementPage').then(m => <m.ImprovementRoute />),
  },
});

/** plugin-header-action:platform-requests/shortcuts */
export const headerShortcuts = PluginHeaderActionBlueprint.make({
  name: 'shortcuts',
  params: {
    loader: () =>
      import('./components/HeaderActions').then(m => <m.HeaderActions />),
  },
});

/** entity-content:platform-requests/entity — components, systems, APIs. */
export const entityRequestsContent = EntityContentBlueprint.make({
  name: 'entity',
  params: {
    path: 'requests',
    title: 'Requests',
    filter: { kind: { $in: ['component', 'system', 'api'] } },
    loader: () =>
      import('./components/EntityRequestsContent').then(m => (
        <m.EntityRequestsContent relation="entity" />
      )),
  },
});

/** entity-content:platform-requests/team — what a Group filed. */
export const teamRequestsContent = EntityContentBlueprint.make({
  name: 'team',
  params: {
    path: 'requests',
    title: 'Requests',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/EntityRequestsContent').then(m => (
        <m.EntityRequestsContent relation="team" />
      )),
  },
});

/** entity-content:platform-requests/team-improvements — made for a Group. */
export const teamImprovementsContent = EntityContentBlueprint.make({
  name: 'team-improvements',
  params: {
    path: 'improvements',
    title: 'Improvements',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/EntityImprovementsContent').then(m => (
        <m.EntityImprovementsContent />
      )),
  },
});

export default createFrontendPlugin({
  pluginId: 'platform-requests',
  title: 'Platform requests',
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
    newRequest: newRequestRouteRef,
    triage: triageRouteRef,
    effort: effortRouteRef,
    request: requestRouteRef,
    improvements: improvementsRouteRef,
    newImprovement: newImprovementRouteRef,
    improvement: improvementRouteRef,
  },
  extensions: [
    platformRequestsApi,
    improvementsApi,
    requestListPage,
    fileRequestPage,
    triageBoardPage,
    effortPage,
    requestPage,
    improvementListPage,
    newImprovementPage,
    improvementPage,
    headerShortcuts,
    entityRequestsContent,
    teamRequestsContent,
    teamImprovementsContent,
  ],
});
