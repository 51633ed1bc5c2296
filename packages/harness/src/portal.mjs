// @ts-check
/*
 * A throw-away portal for a test or a benchmark: the real backend (as
 * `npm start` runs it) on a free port, with its own temp dir for SQLite
 * files and local repositories, or its own PostgreSQL databases; stop()
 * removes both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackend, stopProcess } from './backend.mjs';
import { freePort } from './net.mjs';
import { repoRoot } from './paths.mjs';
import {
  dropDatabasesWithPrefix,
  newPostgresPrefix,
  postgresTarget,
} from './postgres.mjs';

/**
 * @typedef {object} StartPortalOptions
 * @property {string[]} [configs] Config files relative to the repo root, in
 *   order (default: app-config.yaml).
 * @property {Record<string, unknown> | ((tempDir: string) => Record<string, unknown>)} [config]
 *   Extra config layered last (written to a file in the temp dir); a
 *   function is given the temp dir, to write files there first. Objects are
 *   merged key by key; arrays replace.
 * @property {'sqlite' | 'postgres' | 'config'} [database] Which database to
 *   give the backend (default sqlite); 'config' leaves the files' choice and
 *   only isolates PostgreSQL databases under the prefix.
 * @property {import('./postgres.mjs').PostgresTarget} [postgres] Default: postgresTarget().
 * @property {'small' | 'knex'} [postgresPool] 'small' (the default): at most
 *   4 connections per plugin, since the suites run several portals at once on
 *   one server; 'knex': knex's default pool, as in production.
 * @property {string} [postgresPrefix] Share PostgreSQL databases between
 *   processes (replicas, or one portal per demo user): pass the same prefix
 *   (newPostgresPrefix()) and let only the last stop drop them
 *   (`keepDatabases` on the others).
 * @property {boolean} [keepDatabases]
 * @property {Record<string, string | undefined>} [env] On top of this
 *   process's environment, NODE_ENV=production and LOG_LEVEL=warn (unless
 *   LOG_LEVEL is set).
 * @property {string} [cwd] Working directory; relative config paths resolve
 *   from it (default packages/backend).
 * @property {number} [port] Default: a free port.
 * @property {boolean} [waitForReady] Wait for readiness (default) or return
 *   as soon as the process runs.
 * @property {number} [readyTimeoutMs] Default 120 s.
 * @property {number} [readyPollMs] Default 100 ms.
 * @property {'pipe' | 'ignore'} [stdout] Keep the process's stdout for
 *   output() (default), or drop it. Stderr is always kept.
 * @property {boolean} [sourceMaps] `--enable-source-maps` (default true).
 */

/**
 * @typedef {object} PortalProcess
 * @property {string} baseUrl
 * @property {number} port
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => string} output Everything the process printed so far
 *   (stdout + stderr).
 * @property {() => string} stderr
 * @property {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exited
 *   Resolves when the process exits.
 * @property {() => Promise<void>} stop Stops the process (SIGTERM, then
 *   SIGKILL) and removes its temp dir and its databases.
 * @property {number} [readyAfterMs] From spawn to ready (when waited for).
 * @property {string} tempDir
 * @property {string} postgresPrefix The prefix of its PostgreSQL databases.
 */

/**
 * Plain objects merged key by key into `target`; anything else (arrays too)
 * replaces.
 * @param {Record<string, any>} target
 * @param {Record<string, any>} source
 * @returns {Record<string, any>}
 */
function mergeDeep(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      target[key] = mergeDeep(target[key] ?? {}, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

/**
 * Starts a throw-away portal.
 * @param {StartPortalOptions} [options]
 * @returns {Promise<PortalProcess>}
 */
export async function startPortal(options = {}) {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://localhost:${port}`;
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-test-'));
  const database = options.database ?? 'sqlite';
  const postgresPrefix = options.postgresPrefix ?? newPostgresPrefix();
  if (!/^lodestar_t[a-z0-9]+_$/.test(postgresPrefix)) {
    throw new Error(`postgresPrefix must look like lodestar_t<hex>_`);
  }

  /** @type {Record<string, any>} */
  const extra = {
    app: { baseUrl },
    backend: { baseUrl, listen: { port } },
    // Repositories publish:lodestar creates go with the portal's other data.
    lodestar: { publish: { local: { directory: path.join(tempDir, 'git') } } },
  };
  if (database === 'sqlite') {
    extra.backend.database = {
      client: 'better-sqlite3',
      connection: { directory: path.join(tempDir, 'sqlite') },
    };
  } else if (database === 'config') {
    extra.backend.database = { prefix: postgresPrefix };
  } else {
    extra.backend.database = {
      client: 'pg',
      connection: { ...(options.postgres ?? postgresTarget()) },
      prefix: postgresPrefix,
      // Every plugin has a pool of its own. At knex's default of 10 a portal
      // peaks near 30 connections (the catalog's processing takes 10), and
      // the suites run several portals at once (three share one database in
      // the requests browser test) against PostgreSQL's default 100.
      ...((options.postgresPool ?? 'small') === 'small'
        ? { knexConfig: { pool: { min: 0, max: 4, idleTimeoutMillis: 2_000 } } }
        : {}),
    };
  }
  const more =
    typeof options.config === 'function'
      ? options.config(tempDir)
      : options.config;
  mergeDeep(extra, more ?? {});
  const extraFile = path.join(tempDir, 'app-config.test.yaml');
  // JSON is YAML.
  fs.writeFileSync(extraFile, JSON.stringify(extra, null, 2));

  const backend = await startBackend({
    configs: [
      ...(options.configs ?? ['app-config.yaml']).map(c =>
        path.resolve(repoRoot, c),
      ),
      extraFile,
    ],
    sourceMaps: options.sourceMaps,
    cwd: options.cwd,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ...options.env,
    },
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
    baseUrl,
    wait: options.waitForReady !== false,
    timeoutMs: options.readyTimeoutMs ?? 120_000,
    pollMs: options.readyPollMs,
  });

  const stop = async () => {
    await stopProcess(backend.child);
    if (database !== 'sqlite' && !options.keepDatabases) {
      await dropDatabasesWithPrefix(postgresPrefix, options.postgres).catch(
        () => {},
      );
    }
    fs.rmSync(tempDir, { recursive: true, force: true });
  };

  if (options.waitForReady !== false && backend.readyMs === undefined) {
    await stop();
    throw new Error(
      `The backend did not become ready on ${baseUrl}.\n${backend
        .output()
        .slice(-4000)}`,
    );
  }
  return {
    baseUrl,
    port,
    child: backend.child,
    output: backend.output,
    stderr: backend.stderr,
    exited: backend.exited,
    stop,
    readyAfterMs: backend.readyMs,
    tempDir,
    postgresPrefix,
  };
}
