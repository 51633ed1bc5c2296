export { httpRouterServiceFactory } from './httpRouterServiceFactory';
export { rootConfigServiceFactory } from './catalogSources';
