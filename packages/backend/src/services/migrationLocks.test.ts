/*
 * The start-up lock on the shared test PostgreSQL, without a backend: a
 * stale migration lock is cleared while the start-up lock is held, a second
 * start waits for the first and gives up naming its session, and the
 * release lets it through. (tests/migrationKill.test.ts does the same with
 * real backends killed mid-migration.)
 */
import {
  dropDatabasesWithPrefix,
  engines,
  newPostgresPrefix,
  postgresTarget,
} from '@internal/testing';
import { Client } from 'pg';
import {
  StartupLockError,
  takeStartupLock,
  unlockCommand,
} from './migrationLocks';

async function withClient<T>(
  database: string,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ ...postgresTarget(), database });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('unlockCommand', () => {
  it('says where and what to update', () => {
    expect(
      unlockCommand(
        { host: 'db.internal', port: 5433, user: 'backstage' },
        'backstage_plugin_catalog',
        '"public"."knex_migrations_lock"',
      ),
    ).toBe(
      `psql "host=db.internal port=5433 user=backstage dbname=backstage_plugin_catalog" -c 'update "public"."knex_migrations_lock" set is_locked = 0'`,
    );
  });

  it('keeps a connection string, with the database and without the password', () => {
    expect(
      unlockCommand(
        {
          connectionString:
            'postgresql://backstage:s3cret@db.internal:5433/postgres?sslmode=require',
        },
        'backstage_plugin_catalog',
        '"public"."knex_migrations_lock"',
      ),
    ).toBe(
      `psql "postgresql://backstage@db.internal:5433/backstage_plugin_catalog?sslmode=require" -c 'update "public"."knex_migrations_lock" set is_locked = 0'`,
    );
  });
});

(engines.includes('postgres') ? describe : describe.skip)(
  'takeStartupLock on PostgreSQL',
  () => {
    const prefix = newPostgresPrefix();
    const database = `${prefix}catalog`;
    const lines: string[] = [];
    const options = (waitMs: number) => ({
      connection: postgresTarget(),
      prefix,
      waitMs,
      pollMs: 50,
      report: (line: string) => lines.push(line),
    });

    beforeAll(async () => {
      await withClient('postgres', c =>
        c.query(`create database "${database}"`),
      );
      await withClient(database, async c => {
        await c.query(
          'create table knex_migrations_lock (index serial primary key, is_locked integer)',
        );
        await c.query(
          'create table backstage_backend_public_keys__knex_migrations_lock (index serial primary key, is_locked integer)',
        );
        await c.query(
          'insert into knex_migrations_lock (is_locked) values (1)',
        );
        await c.query(
          'insert into backstage_backend_public_keys__knex_migrations_lock (is_locked) values (0)',
        );
      });
    });
    afterAll(async () => {
      await dropDatabasesWithPrefix(prefix);
    });

    it('clears a stale lock, names it, and holds off the next start until released', async () => {
      const first = await takeStartupLock(options(0));
      try {
        expect(lines).toEqual([
          `cleared the stale migration lock public.knex_migrations_lock in database ${database}: a backend stopped while migrating; the migrations run again now`,
        ]);
        const locks = await withClient(database, c =>
          c.query('select is_locked from knex_migrations_lock'),
        );
        expect(locks.rows).toEqual([{ is_locked: 0 }]);

        const second = takeStartupLock(options(300));
        await expect(second).rejects.toThrow(StartupLockError);
        await expect(second).rejects.toThrow(
          /is still starting after 0 s: PostgreSQL session \d+ from 127\.0\.0\.1/,
        );
        expect(lines[1]).toMatch(
          /^another backend of this installation is starting \(PostgreSQL session \d+/,
        );
      } finally {
        await first.release();
      }
      const third = await takeStartupLock(options(0));
      await third.release();
    });
  },
);
