export * from './PlatformRequestsApi';
export {
  PlatformRequestsClient,
  toQueryString,
} from './PlatformRequestsClient';
