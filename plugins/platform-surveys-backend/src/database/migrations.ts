/*
 * The knex migrations in the package's migrations/ folder (named
 * YYYYMMDDHHMMSS_what.js), applied at start unless the deployment says
 * migrations are someone else's job.
 */
import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  applyMigrations as applyFrom,
  migrationsDirOf,
} from '@internal/plugin-platform-node';
import { Knex } from 'knex';

export const migrationsDir = migrationsDirOf(
  '@internal/plugin-platform-surveys-backend',
);

export function applyMigrations(
  database: DatabaseService,
  knex: Knex,
): Promise<void> {
  return applyFrom(database, knex, migrationsDir);
}
