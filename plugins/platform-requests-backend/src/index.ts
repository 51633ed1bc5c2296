/**
 * The platform-requests backend: the intake where teams file, vote on and
 * follow requests and the platform team triages them (default export), the
 * search collator module for the search plugin, and the permission rules
 * (the conditions a policy hands out are in -common).
 *
 * @packageDocumentation
 */
export { platformRequestsPlugin as default } from './plugin';
export { searchModulePlatformRequestsCollator } from './search/module';
export { PlatformRequestCollatorFactory } from './search/PlatformRequestCollatorFactory';
export type { PlatformRequestDocument } from './search/PlatformRequestCollatorFactory';
export { platformRequestRules } from './permissions/conditions';
export { platformRequestResourceRef } from './permissions/resource';
export type { RequestFilter, RequestResource } from './permissions/resource';
export { REQUEST_TOPICS } from './service/RequestNotifier';
export type {
  RequestEventPayload,
  RequestTopic,
} from './service/RequestNotifier';
