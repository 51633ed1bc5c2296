export { httpRouterServiceFactory } from './httpRouterServiceFactory';
export { rootConfigServiceFactory } from './catalogSources';
export { rootLoggerServiceFactory } from './rootLoggerServiceFactory';
