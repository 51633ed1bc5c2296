/*
 * The real backend for a benchmark, started as `npm start` does (embedded
 * default config, demo organisation) on an empty database in a temp dir:
 * SQLite files, or PostgreSQL databases under a random prefix that are
 * dropped afterwards unless `keepDatabase` is set.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startAndTime, stop } from '../foundation/measure.mjs';

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

export const pgConnection = {
  host: process.env.POSTGRES_HOST ?? '127.0.0.1',
  port: Number(process.env.POSTGRES_PORT ?? 5432),
  user: process.env.POSTGRES_USER ?? 'postgres',
  password: process.env.POSTGRES_PASSWORD || undefined,
};

/** Plain objects merged key by key; anything else (arrays too) replaced. */
function merge(base, extra) {
  const plain = v => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!plain(base) || !plain(extra)) return extra;
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    out[key] = key in base ? merge(base[key], value) : value;
  }
  return out;
}

/**
 * `extraConfig`: more config on top, as an object or as a function of the
 * temp dir (to write files there first, e.g. a catalog). It is merged into
 * the bench config, which comes after app-config.yaml; as always with
 * Backstage config, an array there (catalog.locations) replaces the one in
 * app-config.yaml.
 */
export async function startBenchBackend({
  engine,
  keepDatabase = false,
  extraConfig,
}) {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-bench-'));
  const port = 7300 + Math.floor(Math.random() * 500);
  const baseUrl = `http://localhost:${port}`;
  const prefix = `lodestar_t${crypto.randomBytes(4).toString('hex')}_`;
  const database =
    engine === 'sqlite'
      ? {
          client: 'better-sqlite3',
          connection: { directory: path.join(tempDir, 'sqlite') },
        }
      : { client: 'pg', connection: pgConnection, prefix };
  const extra = path.join(tempDir, 'bench.yaml');
  const more =
    typeof extraConfig === 'function' ? extraConfig(tempDir) : extraConfig;
  // JSON is valid YAML.
  fs.writeFileSync(
    extra,
    JSON.stringify(
      merge(
        {
          app: { baseUrl },
          backend: { baseUrl, listen: { port }, database },
          lodestar: {
            publish: { local: { directory: path.join(tempDir, 'git') } },
          },
        },
        more ?? {},
      ),
    ),
  );
  const { child } = await startAndTime({
    args: [
      '--require',
      path.join(
        repoRoot,
        'node_modules/@backstage/cli-node/config/nodeTransform.cjs',
      ),
      path.join(repoRoot, 'packages/backend/src/index.ts'),
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      extra,
    ],
    cwd: path.join(repoRoot, 'packages/backend'),
    env: { NODE_ENV: 'production' },
    baseUrl,
  });
  const cleanup = async () => {
    await stop(child);
    if (engine === 'postgres' && keepDatabase) {
      console.error(`kept the databases with prefix ${prefix}`);
    } else if (engine === 'postgres') {
      const client = new pg.Client({ ...pgConnection, database: 'postgres' });
      await client.connect();
      const { rows } = await client.query(
        "select datname from pg_database where datname like $1 escape '\\'",
        [`${prefix.replace(/_/g, '\\_')}%`],
      );
      for (const { datname } of rows) {
        await client.query(`drop database if exists "${datname}" with (force)`);
      }
      await client.end();
    }
    fs.rmSync(tempDir, { recursive: true, force: true });
  };
  return {
    baseUrl,
    child,
    cleanup,
    tempDir,
    /** The PostgreSQL database of one plugin. */
    pluginDatabase: pluginId => `${prefix}${pluginId}`,
  };
}

export async function guestToken(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return (await res.json()).backstageIdentity.token;
}
