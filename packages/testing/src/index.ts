export { startPortal, repoRoot } from './portalProcess';
export type { PortalProcess, StartPortalOptions } from './portalProcess';
export {
  postgresConnection,
  postgresAvailable,
  dropDatabasesWithPrefix,
} from './postgres';
export type { PostgresConnection } from './postgres';
export { guestToken } from './auth';
export { freePort } from './net';
