export { httpRouterServiceFactory } from './httpRouterServiceFactory';
