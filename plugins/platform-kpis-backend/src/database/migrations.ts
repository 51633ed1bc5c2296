/*
 * The knex migrations in the package's migrations/ folder, applied at start
 * unless the deployment says migrations are someone else's job.
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

export async function applyMigrations(
  database: DatabaseService,
  knex: Knex,
): Promise<void> {
  if (database.migrations?.skip) return;
  await knex.migrate.latest({ directory: migrationsDir });
}
