// @ts-check
/*
 * One harness to start Lodestar's processes for `npm start`, the tests and
 * the benchmarks: the backend (SWC transform, config files, one readiness
 * poll), throw-away and production-config portals, the demo OpenID provider,
 * and the PostgreSQL server they use. Plain ESM with JSDoc types: scripts/
 * and bench/ run it on Node without a build, TypeScript reads the types.
 */
export { nodeTransformPath, repoRoot } from './paths.mjs';
export { freePort, portIsFree } from './net.mjs';
export {
  TEST_DATABASE_PREFIX,
  dropDatabasesWithPrefix,
  dropLeftoverTestDatabases,
  newPostgresPrefix,
  postgresEnv,
  postgresLoginError,
  postgresTarget,
  postgresUrl,
} from './postgres.mjs';
export {
  backendNodeArgs,
  nodeTransformArgs,
  spawnBackend,
  startBackend,
  stopProcess,
  waitForReady,
} from './backend.mjs';
export { startPortal } from './portal.mjs';
export {
  productionEnv,
  startProductionPortal,
  staticTokenConfig,
} from './production.mjs';
export { demoOidcClient, startDemoOidc } from './oidc.mjs';
export { guestSignIn, guestToken, waitForDemoCatalog } from './guest.mjs';

/** @typedef {import('./postgres.mjs').PostgresTarget} PostgresTarget */
/** @typedef {import('./backend.mjs').BackendCommand} BackendCommand */
/** @typedef {import('./backend.mjs').SpawnBackendOptions} SpawnBackendOptions */
/** @typedef {import('./backend.mjs').WaitForReadyOptions} WaitForReadyOptions */
/** @typedef {import('./backend.mjs').StartedBackend} StartedBackend */
/** @typedef {import('./portal.mjs').StartPortalOptions} StartPortalOptions */
/** @typedef {import('./portal.mjs').PortalProcess} PortalProcess */
/** @typedef {import('./production.mjs').ProductionPortalOptions} ProductionPortalOptions */
/** @typedef {import('./oidc.mjs').DemoOidcPerson} DemoOidcPerson */
/** @typedef {import('./oidc.mjs').DemoOidcProvider} DemoOidcProvider */
