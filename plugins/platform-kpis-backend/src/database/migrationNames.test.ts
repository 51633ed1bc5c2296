/*
 * A database migrated when the migrations had their former, shorter names
 * migrates cleanly under the full-timestamp names, keeping its tables.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  applyMigrations,
  migrationsDir,
  RENAMED_MIGRATIONS,
} from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** The migrations folder as it was before the rename: same files, former names. */
function formerMigrationsDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'former-migrations-'));
  const formerName = Object.fromEntries(
    Object.entries(RENAMED_MIGRATIONS).map(([from, to]) => [to, from]),
  );
  for (const file of fs.readdirSync(migrationsDir)) {
    fs.copyFileSync(
      path.join(migrationsDir, file),
      path.join(dir, formerName[file] ?? file),
    );
  }
  return dir;
}

describe.each(databases.eachSupportedId())(
  'migrations renamed to full timestamps on %p',
  databaseId => {
    it('migrate a database migrated under the former names', async () => {
      const knex = await databases.init(databaseId);
      const former = formerMigrationsDir();
      try {
        await knex.migrate.latest({ directory: former });
        // Without the renaming step knex refuses the database.
        await expect(
          knex.migrate.latest({ directory: migrationsDir }),
        ).rejects.toThrow(/corrupt/);

        await applyMigrations(mockServices.database({ knex }), knex);

        const recorded = await knex('knex_migrations')
          .orderBy('id')
          .pluck('name');
        expect(recorded).toEqual(fs.readdirSync(migrationsDir).sort());
        expect(await knex.schema.hasTable('kpi_webhook_deliveries')).toBe(true);
        // Nothing left to run, and running again changes nothing.
        const [, pending] = await knex.migrate.list({
          directory: migrationsDir,
        });
        expect(pending).toEqual([]);
        await applyMigrations(mockServices.database({ knex }), knex);
        expect(
          await knex('knex_migrations').orderBy('id').pluck('name'),
        ).toEqual(recorded);
      } finally {
        fs.rmSync(former, { recursive: true, force: true });
      }
    });
  },
);
