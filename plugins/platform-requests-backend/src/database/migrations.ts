/*
 * The knex migrations in the package's migrations/ folder, applied at start
 * unless the deployment says migrations are someone else's job.
 *
 * Migrations are named YYYYMMDDHHMMSS_what.js (knex runs them in name order).
 * The first ones had shorter names; a database migrated under those has them
 * in its knex_migrations table, and knex refuses to go on when a recorded
 * migration is missing from the folder. So the recorded names are renamed
 * first: RENAMED_MIGRATIONS must stay as long as such a database may exist.
 */
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

export const migrationsDir = resolvePackagePath(
  '@internal/plugin-platform-requests-backend',
  'migrations',
);

/** Former name → full-timestamp name (from the commit that added each file). */
export const RENAMED_MIGRATIONS: Readonly<Record<string, string>> = {
  '20261126_init.js': '20261126170154_init.js',
  '20261126_trgm_gist.js': '20261126174533_trgm_gist.js',
  '20261126c_idempotency_key.js': '20261126221055_idempotency_key.js',
  '20261204_sla_alerts.js': '20261204205634_sla_alerts.js',
  '20261204b_weekly_digests.js': '20261204213849_weekly_digests.js',
};

/**
 * Renames migrations recorded under a former name to their current one.
 * Idempotent, and a no-op on a database that was never migrated.
 */
export async function renameRecordedMigrations(
  knex: Knex,
  renames: Readonly<Record<string, string>>,
  tableName = 'knex_migrations',
): Promise<void> {
  if (!(await knex.schema.hasTable(tableName))) return;
  await knex.transaction(async tx => {
    for (const [from, to] of Object.entries(renames)) {
      await tx(tableName).where({ name: from }).update({ name: to });
    }
  });
}

export async function applyMigrations(
  database: DatabaseService,
  knex: Knex,
): Promise<void> {
  if (database.migrations?.skip) return;
  await renameRecordedMigrations(knex, RENAMED_MIGRATIONS);
  await knex.migrate.latest({ directory: migrationsDir });
}
