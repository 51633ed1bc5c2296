/**
 * Platform requests in the portal: file a request, vote and follow, and the
 * platform team's triage board. The default export is the new-frontend-system
 * plugin, which `app.packages: all` discovers.
 *
 * @packageDocumentation
 */
export { default } from './plugin';
export {
  PlatformRequestsClient,
  platformRequestsApiRef,
  toQueryString,
} from './api';
export type {
  PlatformRequestsApi,
  PlatformRequestsConfig,
  RatingInput,
  RequestListQuery,
  RequestSort,
} from './api';
export {
  newRequestRouteRef,
  requestRouteRef,
  rootRouteRef,
  triageRouteRef,
} from './routes';
