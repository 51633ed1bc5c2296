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
import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  applyMigrations as applyFrom,
  migrationsDirOf,
} from '@internal/plugin-platform-node';
import { Knex } from 'knex';

export const migrationsDir = migrationsDirOf(
  '@internal/plugin-platform-kpis-backend',
);

/** Former name → full-timestamp name (from the commit that added each file). */
export const RENAMED_MIGRATIONS: Readonly<Record<string, string>> = {
  '20261126_kpis_init.js': '20261126183639_kpis_init.js',
  '20261126b_kpis_demo_index.js': '20261126193000_kpis_demo_index.js',
  '20261126c_kpis_request_opened.js': '20261126202105_kpis_request_opened.js',
};

export function applyMigrations(
  database: DatabaseService,
  knex: Knex,
): Promise<void> {
  return applyFrom(database, knex, migrationsDir, RENAMED_MIGRATIONS);
}
