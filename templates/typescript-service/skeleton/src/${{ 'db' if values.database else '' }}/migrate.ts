import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { loadConfig } from '../config.ts';
import { createPool } from './pool.ts';

/**
 * A deliberately small migrator: every `migrations/NNNN_description.sql` file
 * is applied once, in file-name order, each in its own transaction, and
 * recorded in the `schema_migrations` table. An advisory lock makes concurrent
 * runs (several replicas starting at once) wait for each other.
 *
 * Migrations are forward-only: to change something, add a new file. Never edit
 * a file that has been applied somewhere.
 */

/** The `migrations/` folder at the root of the repository (from src/db or dist/db). */
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../migrations');

// Any constant works; it only has to be the same for every run of this service.
const ADVISORY_LOCK_KEY = 7_240_513;

const MIGRATION_FILE = /^\d+_[\w-]+\.sql$/;

export interface MigrateOptions {
  /** Folder with the .sql files; defaults to the repository's migrations/. */
  dir?: string;
  /** Called once for each migration applied. */
  onApplied?: (name: string) => void;
}

/** Applies the pending migrations and returns the names of those applied. */
export async function migrate(pool: pg.Pool, options: MigrateOptions = {}): Promise<string[]> {
  const dir = options.dir ?? MIGRATIONS_DIR;
  const files = (await readdir(dir)).filter((file) => MIGRATION_FILE.test(file)).sort();

  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        name       text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query<{ name: string }>('SELECT name FROM schema_migrations');
    const done = new Set(rows.map((row) => row.name));

    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = await readFile(path.join(dir, file), 'utf8');
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Migration ${file} failed and was rolled back: ${reason}`, { cause: error });
      }
      applied.push(file);
      options.onApplied?.(file);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => {});
    client.release();
  }
}

// `npm run migrate` (or `node dist/db/migrate.js` in the image) applies the
// migrations without starting the server. The server also applies them on start.
if (import.meta.main) {
  try {
    const pool = createPool(loadConfig().databaseUrl);
    try {
      const applied = await migrate(pool, { onApplied: (name) => console.log(`applied ${name}`) });
      console.log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
    } finally {
      await pool.end();
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
