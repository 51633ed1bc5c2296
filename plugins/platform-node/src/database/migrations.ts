/*
 * A plugin's knex migrations in its package's migrations/ folder, applied
 * at start unless the deployment says migrations are someone else's job.
 */
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** The migrations/ folder of the package named `packageName`. */
export function migrationsDirOf(packageName: string): string {
  return resolvePackagePath(packageName, 'migrations');
}

export async function applyMigrations(
  database: DatabaseService,
  knex: Knex,
  directory: string,
): Promise<void> {
  if (database.migrations?.skip) return;
  await knex.migrate.latest({ directory });
}
