/*
 * A plugin's knex migrations in its package's migrations/ folder, applied
 * at start unless the deployment says migrations are someone else's job.
 *
 * A migration that was renamed (the first ones had shorter names than
 * YYYYMMDDHHMMSS_what.js) is renamed in knex_migrations first: knex refuses
 * to go on when a recorded migration is missing from the folder.
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
  renames: Readonly<Record<string, string>> = {},
): Promise<void> {
  if (database.migrations?.skip) return;
  await renameRecordedMigrations(knex, renames);
  await knex.migrate.latest({ directory });
}

/**
 * Renames migrations recorded under a former name to their current one.
 * Idempotent, and a no-op on a database that was never migrated.
 */
export async function renameRecordedMigrations(
  knex: Knex,
  renames: Readonly<Record<string, string>>,
  tableName = 'knex_migrations',
): Promise<void> {
  if (Object.keys(renames).length === 0) return;
  if (!(await knex.schema.hasTable(tableName))) return;
  await knex.transaction(async tx => {
    for (const [from, to] of Object.entries(renames)) {
      await tx(tableName).where({ name: from }).update({ name: to });
    }
  });
}
