/*
 * A backend killed (SIGKILL) while its plugins migrate leaves a knex
 * migration lock behind; the next start must not fail on it with "Migration
 * table is already locked". Runs the real backend on a PostgreSQL cluster of
 * the test's own:
 *
 * - killed mid-migration → the next start clears the stale lock, names it,
 *   finishes the migrations and becomes ready;
 * - a lock held by a backend that is still starting (it holds the start-up
 *   lock) is not stale: the next start waits for it, then starts without
 *   touching that lock;
 * - when that backend does not finish in time, the start fails with one line
 *   naming its PostgreSQL session and how to recover;
 * - when a stale lock cannot be cleared, the start fails naming the
 *   database, the table and the command that clears it.
 */
import {
  engines,
  eventually,
  guestToken,
  newPostgresPrefix,
  PortalProcess,
  startPortal,
} from '@internal/testing';
import { Client } from 'pg';
// The backend is an application and exports nothing; this test needs the
// value it uses itself.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { startupLockKeys } from 'backend/src/services/migrationLocks';
import {
  PrivatePostgres,
  privatePostgresAvailableOrSkip,
} from './__testUtils__/privatePostgres';

jest.setTimeout(900_000);

const canRun =
  engines.includes('postgres') &&
  privatePostgresAvailableOrSkip(
    'migration-kill tests (a private PostgreSQL cluster)',
  );

type LockRow = { database: string; table: string; locked: boolean };

/** Every *knex_migrations_lock row in the databases under `prefix`. */
async function migrationLocks(
  pg: PrivatePostgres,
  prefix: string,
): Promise<LockRow[]> {
  const admin = new Client({ ...pg.connection, database: 'postgres' });
  await admin.connect();
  const out: LockRow[] = [];
  try {
    const { rows } = await admin.query(
      `select datname from pg_database where starts_with(datname, $1)`,
      [prefix],
    );
    for (const { datname } of rows) {
      const db = new Client({ ...pg.connection, database: datname });
      try {
        await db.connect();
        const tables = await db.query(
          `select table_name from information_schema.tables
            where table_schema = 'public'
              and table_name like '%knex\\_migrations\\_lock'`,
        );
        for (const { table_name } of tables.rows) {
          const lock = await db.query(`select is_locked from "${table_name}"`);
          for (const r of lock.rows) {
            out.push({
              database: datname,
              table: table_name,
              locked: r.is_locked === 1,
            });
          }
        }
      } catch {
        // A database being created or dropped right now.
      } finally {
        await db.end().catch(() => {});
      }
    }
  } finally {
    await admin.end();
  }
  return out;
}

async function exitOf(portal: PortalProcess) {
  const timer = setTimeout(() => portal.child.kill('SIGKILL'), 180_000);
  const exit = await portal.exited;
  clearTimeout(timer);
  return exit;
}

function failureLine(stderr: string) {
  return stderr
    .split('\n')
    .find(l => l.startsWith('Lodestar failed to start:'));
}

(canRun ? describe : describe.skip)(
  'a backend killed while migrating, on PostgreSQL',
  () => {
    let pg: PrivatePostgres;

    beforeAll(async () => {
      pg = await PrivatePostgres.create();
    });
    afterAll(async () => {
      await pg?.remove();
    });

    it('the next start clears the stale lock, names it, and becomes ready', async () => {
      const prefix = newPostgresPrefix();
      const first = await startPortal({
        database: 'postgres',
        postgres: pg.connection,
        postgresPrefix: prefix,
        keepDatabases: true,
        waitForReady: false,
      });
      // Kill the moment any plugin holds its migration lock.
      let killedWhileLocked: LockRow[] = [];
      const deadline = Date.now() + 300_000;
      while (Date.now() < deadline && first.child.exitCode === null) {
        const held = (await migrationLocks(pg, prefix)).filter(l => l.locked);
        if (held.length > 0) {
          first.child.kill('SIGKILL');
          killedWhileLocked = held;
          break;
        }
      }
      await first.exited;
      await first.stop();
      expect(killedWhileLocked).not.toEqual([]);
      const stale = (await migrationLocks(pg, prefix)).filter(l => l.locked);
      expect(stale).not.toEqual([]);

      const second = await startPortal({
        database: 'postgres',
        postgres: pg.connection,
        postgresPrefix: prefix,
        readyTimeoutMs: 300_000,
      });
      try {
        for (const lock of stale) {
          expect(second.stderr()).toContain(
            `cleared the stale migration lock public.${lock.table} in database ${lock.database}`,
          );
        }
        expect(
          (await migrationLocks(pg, prefix)).filter(l => l.locked),
        ).toEqual([]);
        // The catalog, whose migrations were cut off, answers from its tables.
        const token = await guestToken(second.baseUrl);
        const res = await fetch(
          `${second.baseUrl}/api/catalog/entities/by-query?limit=1`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        expect(res.status).toBe(200);
        expect(second.child.exitCode).toBeNull();
      } finally {
        await second.stop();
      }
    });

    describe('with another backend of the installation starting', () => {
      const prefix = newPostgresPrefix();
      let holder: Client;

      beforeAll(async () => {
        // Databases, migrated, as a running installation has them.
        const installed = await startPortal({
          database: 'postgres',
          postgres: pg.connection,
          postgresPrefix: prefix,
          keepDatabases: true,
          readyTimeoutMs: 300_000,
        });
        await installed.stop();
      });

      /** What a replica does while it starts: hold the start-up lock, migrate. */
      async function startReplicaMidMigration() {
        holder = new Client({ ...pg.connection, database: 'postgres' });
        await holder.connect();
        await holder.query('select pg_advisory_lock($1, $2)', [
          ...startupLockKeys(prefix),
        ]);
        await setLock(`${prefix}platform-requests`, 1);
        const { rows } = await holder.query('select pg_backend_pid() as pid');
        return rows[0].pid as number;
      }

      async function setLock(database: string, value: 0 | 1) {
        const db = new Client({ ...pg.connection, database });
        await db.connect();
        try {
          await db.query('update knex_migrations_lock set is_locked = $1', [
            value,
          ]);
        } finally {
          await db.end();
        }
      }

      afterEach(async () => {
        await holder?.end().catch(() => {});
        await setLock(`${prefix}platform-requests`, 0);
      });

      it('waits for it instead of clearing its lock, then starts', async () => {
        await startReplicaMidMigration();
        const next = await startPortal({
          database: 'postgres',
          postgres: pg.connection,
          postgresPrefix: prefix,
          keepDatabases: true,
          waitForReady: false,
        });
        try {
          await eventually(
            async () =>
              next
                .stderr()
                .includes('another backend of this installation is starting') ||
              next.child.exitCode !== null,
            180_000,
          );
          expect(next.child.exitCode).toBeNull();
          // The starting replica's lock is left alone.
          expect(
            (await migrationLocks(pg, prefix)).filter(l => l.locked),
          ).toEqual([
            {
              database: `${prefix}platform-requests`,
              table: 'knex_migrations_lock',
              locked: true,
            },
          ]);

          // The replica finishes migrating and has started.
          await setLock(`${prefix}platform-requests`, 0);
          await holder.end();
          await eventually(async () => {
            const res = await fetch(
              `${next.baseUrl}/.backstage/health/v1/readiness`,
            ).catch(() => undefined);
            return res?.status === 200;
          }, 300_000);
          expect(next.stderr()).not.toContain(
            'cleared the stale migration lock',
          );
        } finally {
          await next.stop();
        }
      });

      it('refuses with the session to look at when it does not finish in time', async () => {
        const pid = await startReplicaMidMigration();
        const next = await startPortal({
          database: 'postgres',
          postgres: pg.connection,
          postgresPrefix: prefix,
          keepDatabases: true,
          waitForReady: false,
          env: { LODESTAR_STARTUP_WAIT_SECONDS: '3' },
        });
        const { code } = await exitOf(next);
        const stderr = next.stderr();
        await next.stop();
        expect(code).toBe(1);
        const line = failureLine(stderr);
        expect(line).toContain(
          `another backend of this installation (database prefix ${prefix}) is still starting after 3 s: PostgreSQL session ${pid}`,
        );
        expect(line).toContain('pg_terminate_backend');
        expect(stderr).not.toMatch(/^\s+at\s/m);
      });

      it('names the lock and the command that clears it when it cannot clear it', async () => {
        const database = `${prefix}platform-requests`;
        const db = new Client({ ...pg.connection, database });
        await db.connect();
        try {
          // A lock the backend may not change, as for a role without UPDATE.
          await db.query(`create function lodestar_deny() returns trigger
            language plpgsql as $$ begin raise exception 'permission denied for table knex_migrations_lock'; end $$`);
          await db.query(`create trigger deny before update on knex_migrations_lock
            for each row execute function lodestar_deny()`);
          await db.query(
            'alter table knex_migrations_lock disable trigger deny',
          );
          await db.query('update knex_migrations_lock set is_locked = 1');
          await db.query(
            'alter table knex_migrations_lock enable trigger deny',
          );

          const next = await startPortal({
            database: 'postgres',
            postgres: pg.connection,
            postgresPrefix: prefix,
            keepDatabases: true,
            waitForReady: false,
          });
          const { code } = await exitOf(next);
          const stderr = next.stderr();
          await next.stop();
          expect(code).toBe(1);
          expect(failureLine(stderr)).toContain(
            `the migration lock public.knex_migrations_lock in database ${database} may be stale`,
          );
          expect(failureLine(stderr)).toContain(
            `psql "host=${pg.host} port=${pg.port} user=postgres dbname=${database}" -c 'update "public"."knex_migrations_lock" set is_locked = 0'`,
          );
        } finally {
          await db.query('drop trigger if exists deny on knex_migrations_lock');
          await db.query('drop function if exists lodestar_deny()');
          await db.end();
        }
      });
    });
  },
);
