/*
 * The platform-surveys plugin for the new frontend system: its API client
 * and three pages (list, new, survey). The list is the sidebar item
 * ("Surveys"); the home page shows OpenSurveysCard.
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import SurveysIcon from '@material-ui/icons/Poll';
import { PlatformSurveysClient, platformSurveysApiRef } from './api';
import { newSurveyRouteRef, rootRouteRef, surveyRouteRef } from './routes';

export const platformSurveysApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: platformSurveysApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformSurveysClient({ discoveryApi, fetchApi }),
    }),
});

/** page:platform-surveys — /surveys, in the sidebar as "Surveys". */
export const surveysPage = PageBlueprint.make({
  params: {
    path: '/surveys',
    routeRef: rootRouteRef,
    title: 'Surveys',
    icon: <SurveysIcon fontSize="inherit" />,
    loader: () =>
      import('./components/SurveysPage').then(m => <m.SurveysPage />),
  },
});

/** page:platform-surveys/new — /surveys/new */
export const newSurveyPage = PageBlueprint.make({
  name: 'new',
  params: {
    path: '/surveys/new',
    routeRef: newSurveyRouteRef,
    title: 'New survey',
    loader: () =>
      import('./components/NewSurveyPage').then(m => <m.NewSurveyPage />),
  },
});

/** page:platform-surveys/survey — /surveys/:id */
export const surveyPage = PageBlueprint.make({
  name: 'survey',
  params: {
    path: '/surveys/:id',
    routeRef: surveyRouteRef,
    title: 'Survey',
    loader: () =>
      import('./components/SurveyPage').then(m => <m.SurveyRoute />),
  },
});

export default createFrontendPlugin({
  pluginId: 'platform-surveys',
  title: 'Pulse surveys',
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
    newSurvey: newSurveyRouteRef,
    survey: surveyRouteRef,
  },
  extensions: [platformSurveysApi, surveysPage, newSurveyPage, surveyPage],
});
