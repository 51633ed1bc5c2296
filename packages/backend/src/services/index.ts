export { httpRouterServiceFactory } from './httpRouterServiceFactory';
export {
  databaseUnavailableReason,
  toServiceUnavailable,
  RETRY_AFTER_SECONDS,
} from './databaseUnavailable';
