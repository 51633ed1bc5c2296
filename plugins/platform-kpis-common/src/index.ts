/**
 * Shared by the platform-kpis frontend and backend: the ingested events and
 * their validation, the query strings, the answers of the read endpoints,
 * the DORA tier bands, the KPI definitions, the permissions and the shape
 * of an improvement's impact.
 *
 * @packageDocumentation
 */
export * from './events';
export * from './queries';
export * from './model';
export * from './tiers';
export * from './definitions';
export * from './permissions';
export * from './impact';
