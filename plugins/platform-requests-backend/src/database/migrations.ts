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
  '@internal/plugin-platform-requests-backend',
);

/** Former name → full-timestamp name (from the commit that added each file). */
export const RENAMED_MIGRATIONS: Readonly<Record<string, string>> = {
  '20261126_init.js': '20261126170154_init.js',
  '20261126_trgm_gist.js': '20261126174533_trgm_gist.js',
  '20261126c_idempotency_key.js': '20261126221055_idempotency_key.js',
  '20261204_sla_alerts.js': '20261204205634_sla_alerts.js',
  '20261204b_weekly_digests.js': '20261204213849_weekly_digests.js',
};

export function applyMigrations(
  database: DatabaseService,
  knex: Knex,
): Promise<void> {
  return applyFrom(database, knex, migrationsDir, RENAMED_MIGRATIONS);
}
