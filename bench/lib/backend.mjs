/*
 * The real backend for a benchmark, started as `npm start` does (embedded
 * default config, demo organisation) on an empty database in a temp dir
 * (the harness's startPortal): SQLite files, or PostgreSQL databases under a
 * random prefix that are dropped afterwards unless `keepDatabase` is set.
 * Unlike the tests' portals, it keeps knex's default connection pool (as in
 * production), does not keep the backend's stdout, and skips source maps.
 */
import { startPortal } from '@internal/harness';

/**
 * `extraConfig`: more config on top, as an object or as a function of the
 * temp dir (to write files there first, e.g. a catalog). It is merged into
 * the portal's config, which comes after app-config.yaml; as always with
 * Backstage config, an array there (catalog.locations) replaces the one in
 * app-config.yaml. `port`: where it listens (default: a free port), for
 * benchmarks that must name it beforehand, as the demo OpenID provider does.
 */
export async function startBenchBackend({
  engine,
  keepDatabase = false,
  extraConfig,
  port,
}) {
  const portal = await startPortal({
    port,
    database: engine,
    keepDatabases: keepDatabase,
    config: extraConfig,
    postgresPool: 'knex',
    env: { LOG_LEVEL: 'warn' },
    stdout: 'ignore',
    sourceMaps: false,
    readyTimeoutMs: 180_000,
    readyPollMs: 50,
  });
  return {
    baseUrl: portal.baseUrl,
    child: portal.child,
    tempDir: portal.tempDir,
    postgresPrefix: portal.postgresPrefix,
    cleanup: async () => {
      await portal.stop();
      if (engine === 'postgres' && keepDatabase) {
        console.error(
          `kept the databases with prefix ${portal.postgresPrefix}`,
        );
      }
    },
    /** The PostgreSQL database of one plugin. */
    pluginDatabase: pluginId => `${portal.postgresPrefix}${pluginId}`,
  };
}
