/**
 * What Lodestar's backend plugins share: input parsing against the common
 * packages' zod schemas, body limits and the 413, what a refused
 * permission says and its audit event, applying a package's migrations,
 * and a person's groups and team from the catalog.
 *
 * @packageDocumentation
 */
export * from './catalog/PeopleDirectory';
export * from './errors';
export * from './http/auditRefusals';
export * from './http/bodyParser';
export * from './http/parseInput';
export * from './database/migrations';
export * from './permissions/refusal';
export * from './time/requestClock';
