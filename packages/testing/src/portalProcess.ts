/*
 * Starts the real Lodestar backend as a child process, exactly as `npm start`
 * does (Node + the Backstage SWC transform over packages/backend/src), on a
 * free port and a throw-away database. Used by the backend tests, the browser
 * tests and the benchmarks.
 */
import { ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { freePort } from './net';
import {
  dropDatabasesWithPrefix,
  postgresConnection,
  PostgresConnection,
} from './postgres';

/** The repository root: the nearest parent folder with a backstage.json. */
export const repoRoot = (() => {
  let dir = process.cwd();
  while (!fs.existsSync(path.join(dir, 'backstage.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('not inside the Lodestar repository');
    dir = parent;
  }
  return dir;
})();

export type StartPortalOptions = {
  /** Config files relative to the repo root, in order. */
  configs?: string[];
  /** Extra config layered last (written to a temp file). */
  config?: Record<string, unknown>;
  /** Which database to give the backend; 'config' leaves the files' choice. */
  database?: 'sqlite' | 'postgres' | 'config';
  postgres?: PostgresConnection;
  /**
   * Share PostgreSQL databases between processes (replicas, or one portal
   * per demo user): pass the same prefix and let only the last stop drop
   * them (`keepDatabases` on the others).
   */
  postgresPrefix?: string;
  keepDatabases?: boolean;
  env?: Record<string, string | undefined>;
  /** Working directory; relative config paths resolve from it. */
  cwd?: string;
  port?: number;
  /** Wait for readiness (default) or return as soon as the process runs. */
  waitForReady?: boolean;
  readyTimeoutMs?: number;
};

export type PortalProcess = {
  baseUrl: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout + stderr). */
  output(): string;
  stderr(): string;
  /** Resolves when the process exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the process (SIGTERM, then SIGKILL) and removes its database. */
  stop(): Promise<void>;
  /** Milliseconds from spawn to readiness (when waited for). */
  readyAfterMs?: number;
  tempDir: string;
};

function mergeDeep(target: any, source: any): any {
  for (const [key, value] of Object.entries(source ?? {})) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      target[key] = mergeDeep(target[key] ?? {}, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

async function waitForReadiness(
  baseUrl: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return false;
}

export async function startPortal(
  options: StartPortalOptions = {},
): Promise<PortalProcess> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://localhost:${port}`;
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-test-'));
  const database = options.database ?? 'sqlite';
  const pgPrefix =
    options.postgresPrefix ??
    `lodestar_t${crypto.randomBytes(4).toString('hex')}_`;
  if (!/^lodestar_t[a-z0-9]+_$/.test(pgPrefix)) {
    throw new Error(`postgresPrefix must look like lodestar_t<hex>_`);
  }

  const extra: Record<string, any> = {
    app: { baseUrl },
    backend: { baseUrl, listen: { port } },
    // Repositories publish:lodestar creates go with the test's other data.
    lodestar: { publish: { local: { directory: path.join(tempDir, 'git') } } },
  };
  if (database === 'sqlite') {
    extra.backend.database = {
      client: 'better-sqlite3',
      connection: { directory: path.join(tempDir, 'sqlite') },
    };
  } else if (database === 'config') {
    // Keep the files' database settings; only isolate PostgreSQL databases.
    extra.backend.database = { prefix: pgPrefix };
  } else if (database === 'postgres') {
    const pg = options.postgres ?? postgresConnection();
    extra.backend.database = {
      client: 'pg',
      connection: { ...pg },
      prefix: pgPrefix,
      // Every plugin has a pool of its own. At knex's default of 10 a portal
      // peaks near 30 connections (the catalog's processing takes 10), and
      // the suites run several portals at once (three share one database in
      // the requests browser test) against PostgreSQL's default 100.
      knexConfig: { pool: { min: 0, max: 4, idleTimeoutMillis: 2_000 } },
    };
  }
  mergeDeep(extra, options.config ?? {});
  const extraFile = path.join(tempDir, 'app-config.test.yaml');
  fs.writeFileSync(extraFile, YAML.stringify(extra));

  const configs = (options.configs ?? ['app-config.yaml']).map(c =>
    path.resolve(repoRoot, c),
  );
  const args = [
    '--enable-source-maps',
    '--require',
    require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
      paths: [repoRoot],
    }),
    path.join(repoRoot, 'packages/backend/src/index.ts'),
    ...[...configs, extraFile].flatMap(c => ['--config', c]),
  ];

  let stdout = '';
  let stderr = '';
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? path.join(repoRoot, 'packages/backend'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', d => (stdout += d));
  child.stderr!.on('data', d => (stderr += d));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>(resolve =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (database !== 'sqlite' && !options.keepDatabases) {
      await dropDatabasesWithPrefix(pgPrefix, options.postgres).catch(() => {});
    }
    fs.rmSync(tempDir, { recursive: true, force: true });
  };

  const portal: PortalProcess = {
    baseUrl,
    port,
    child,
    output: () => stdout + stderr,
    stderr: () => stderr,
    exited,
    stop,
    tempDir,
  };

  if (options.waitForReady !== false) {
    const started = Date.now();
    const ready = await waitForReadiness(
      baseUrl,
      child,
      options.readyTimeoutMs ?? 120_000,
    );
    if (!ready) {
      await stop();
      throw new Error(
        `The backend did not become ready on ${baseUrl}.\n${(
          stdout + stderr
        ).slice(-4000)}`,
      );
    }
    portal.readyAfterMs = Date.now() - started;
  }
  return portal;
}

/** A fresh prefix for PostgreSQL databases shared by several portals. */
export function newPostgresPrefix(): string {
  return `lodestar_t${crypto.randomBytes(4).toString('hex')}_`;
}
