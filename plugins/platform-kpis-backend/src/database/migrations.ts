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
  '@internal/plugin-platform-kpis-backend',
  'migrations',
);

/** Former name → full-timestamp name (from the commit that added each file). */
export const RENAMED_MIGRATIONS: Readonly<Record<string, string>> = {
  '20261126_kpis_init.js': '20261126183639_kpis_init.js',
  '20261126b_kpis_demo_index.js': '20261126193000_kpis_demo_index.js',
  '20261126c_kpis_request_opened.js': '20261126202105_kpis_request_opened.js',
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
