/**
 * What Lodestar adds to the catalog's permissions, shared by the catalog
 * import guard (packages/backend) that checks it and Lodestar's permission
 * policy that decides it: registering a location that holds Users, Groups
 * or Templates, and which kinds those are.
 *
 * @packageDocumentation
 */
export {
  catalogImportPlatformKindsPermission,
  isPlatformKind,
  platformKinds,
} from './permissions';
