/**
 * Pulse surveys in the portal: answer the rounds open for you, and for the
 * platform team define surveys and read floor-protected results. The
 * default export is the new-frontend-system plugin (`app.packages: all`
 * discovers it); OpenSurveysCard is for the home page.
 *
 * @packageDocumentation
 */
export { default } from './plugin';
export { PlatformSurveysClient, platformSurveysApiRef } from './api';
export type { PlatformSurveysApi } from './api';
export { OpenSurveysCard } from './components/OpenSurveysCard';
export { newSurveyRouteRef, rootRouteRef, surveyRouteRef } from './routes';
