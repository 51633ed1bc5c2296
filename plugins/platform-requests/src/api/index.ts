export * from './PlatformRequestsApi';
export {
  PlatformRequestsClient,
  toQueryString,
} from './PlatformRequestsClient';
export * from './ImprovementsApi';
export { ImprovementsClient } from './ImprovementsClient';
