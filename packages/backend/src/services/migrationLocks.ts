/*
 * Start-up lock and stale migration locks on PostgreSQL.
 *
 * Every plugin runs its knex migrations when it starts, guarded by a row in
 * its `*knex_migrations_lock` table. A backend killed mid-migration leaves
 * that row at is_locked = 1 (the migration itself, in a transaction, rolls
 * back), and every later start fails with "Migration table is already
 * locked" until someone clears it by hand.
 *
 * Whether a lock row is stale cannot be read from the row. So each Lodestar
 * backend holds a session advisory lock (keyed by its database prefix) from
 * the preflight until it has started, which is when all its migrations have
 * run. Holding that lock means no other backend of this installation is
 * starting, hence none is migrating: a lock row set now was left by a
 * process that died, and is cleared. A backend that finds the advisory lock
 * taken waits for it (another replica is starting); PostgreSQL drops the
 * lock by itself when its holder dies, even by SIGKILL.
 */
import crypto from 'node:crypto';
import { Client, ClientConfig } from 'pg';

/** First key of the advisory lock: "LDST". */
const STARTUP_LOCK_CLASS = 0x4c445354;
const APPLICATION_NAME = 'lodestar-startup';

export type StartupLock = {
  /** Lets the next backend start; call once this one has started. */
  release(): Promise<void>;
};

export type StartupLockOptions = {
  /** Server, user and password; the databases are chosen here. */
  connection: ClientConfig;
  /** backend.database.prefix: the installation's plugin databases. */
  prefix: string;
  /** Plugin databases named outside the prefix (connection.database). */
  extraDatabases?: string[];
  /** How long to wait for another backend that is starting. */
  waitMs: number;
  pollMs?: number;
  /** One line for the operator (waiting, cleared a lock). */
  report(line: string): void;
};

/** A failure with a message that says what to do; shown as it is. */
export class StartupLockError extends Error {
  name = 'StartupLockError';
}

/** Second key of the advisory lock: the prefix, as a positive int4. */
function prefixKey(prefix: string): number {
  return (
    crypto.createHash('sha256').update(prefix).digest().readUInt32BE(0) &
    0x7fffffff
  );
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The connection to another database of the same server. In a connection
 * string the database is part of the URL (pg prefers it to `database`).
 */
function toDatabase(connection: ClientConfig, database: string): ClientConfig {
  if (!connection.connectionString) return { ...connection, database };
  const url = new URL(connection.connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return { ...connection, connectionString: url.toString() };
}

function newClient(connection: ClientConfig, database: string): Client {
  const client = new Client({
    ...toDatabase(connection, database),
    application_name: APPLICATION_NAME,
    connectionTimeoutMillis: 10_000,
    // A host that vanishes without closing its connection would otherwise
    // hold the start-up lock until the server's keepalive (about 2 hours).
    keepAlive: true,
    options:
      '-c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3',
  });
  // A lost connection only loses the lock; the backend carries on.
  client.on('error', () => {});
  return client;
}

/**
 * The two keys of an installation's start-up lock, for
 * pg_advisory_lock(key1, key2) from anything that must not run while a
 * backend starts (a migration tool, a test).
 */
export function startupLockKeys(prefix: string): [number, number] {
  return [STARTUP_LOCK_CLASS, prefixKey(prefix)];
}

async function tryLock(client: Client, key: number): Promise<boolean> {
  const { rows } = await client.query(
    'select pg_try_advisory_lock($1, $2) as locked',
    [STARTUP_LOCK_CLASS, key],
  );
  return rows[0].locked === true;
}

/** Who holds the start-up lock, for the operator. */
async function describeHolder(client: Client, key: number): Promise<string> {
  const { rows } = await client.query(
    `select a.pid, a.client_addr, a.backend_start
       from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted
        and l.classid = $1::bigint::oid and l.objid = $2::bigint::oid
        and l.objsubid = 2`,
    [STARTUP_LOCK_CLASS, key],
  );
  const holder = rows[0];
  if (!holder) return 'a backend that has just finished starting';
  const from = holder.client_addr ? ` from ${holder.client_addr}` : '';
  return `PostgreSQL session ${holder.pid}${from}, connected since ${new Date(
    holder.backend_start,
  ).toISOString()}`;
}

async function waitForLock(
  client: Client,
  options: StartupLockOptions,
): Promise<void> {
  const key = prefixKey(options.prefix);
  const deadline = Date.now() + options.waitMs;
  let reported = false;
  while (!(await tryLock(client, key))) {
    const holder = await describeHolder(client, key);
    if (Date.now() >= deadline) {
      throw new StartupLockError(
        `another backend of this installation (database prefix ${
          options.prefix
        }) is still starting after ${Math.round(
          options.waitMs / 1000,
        )} s: ${holder}. If it is stuck, stop it (or end its session: select pg_terminate_backend(<pid>)) and start again; LODESTAR_STARTUP_WAIT_SECONDS sets how long to wait.`,
      );
    }
    if (!reported) {
      options.report(
        `another backend of this installation is starting (${holder}); waiting for it before running migrations`,
      );
      reported = true;
    }
    await new Promise(r => setTimeout(r, options.pollMs ?? 500));
  }
}

async function pluginDatabases(
  client: Client,
  options: StartupLockOptions,
): Promise<string[]> {
  const like = `${options.prefix.replace(/[\\_%]/g, c => `\\${c}`)}%`;
  const { rows } = await client.query(
    `select datname from pg_database
      where datallowconn and (datname like $1 or datname = any($2))
      order by datname`,
    [like, options.extraDatabases ?? []],
  );
  return rows.map(r => r.datname);
}

/** The command an operator runs to clear one lock row by hand. */
export function unlockCommand(
  connection: ClientConfig,
  database: string,
  table: string,
): string {
  const update = `-c 'update ${table} set is_locked = 0'`;
  if (connection.connectionString) {
    const url = new URL(toDatabase(connection, database).connectionString!);
    url.password = '';
    return `psql "${url}" ${update}`;
  }
  const target = [
    `host=${connection.host ?? 'localhost'}`,
    `port=${connection.port ?? 5432}`,
    connection.user ? `user=${connection.user}` : undefined,
    `dbname=${database}`,
  ]
    .filter(Boolean)
    .join(' ');
  return `psql "${target}" ${update}`;
}

async function clearStaleLocksIn(
  database: string,
  options: StartupLockOptions,
): Promise<void> {
  const client = newClient(options.connection, database);
  await client.connect();
  try {
    const { rows: tables } = await client.query(
      `select table_schema, table_name from information_schema.tables
        where table_type = 'BASE TABLE'
          and table_name like '%knex\\_migrations\\_lock'`,
    );
    for (const { table_schema, table_name } of tables) {
      const table = `${quoteIdent(table_schema)}.${quoteIdent(table_name)}`;
      try {
        const { rowCount } = await client.query(
          `update ${table} set is_locked = 0 where is_locked = 1`,
        );
        if (rowCount) {
          options.report(
            `cleared the stale migration lock ${table_schema}.${table_name} in database ${database}: a backend stopped while migrating; the migrations run again now`,
          );
        }
      } catch (e: any) {
        throw new StartupLockError(
          `the migration lock ${table_schema}.${table_name} in database ${database} may be stale, but it could not be checked or cleared (${
            e.message
          }). With no other backend running, clear it with: ${unlockCommand(
            options.connection,
            database,
            table,
          )}`,
        );
      }
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Waits until no other backend of this installation is starting, takes the
 * start-up lock and clears migration locks that processes which died
 * mid-migration left behind. Holds the lock until `release()`.
 */
export async function takeStartupLock(
  options: StartupLockOptions,
): Promise<StartupLock> {
  const client = newClient(options.connection, 'postgres');
  await client.connect();
  try {
    await waitForLock(client, options);
    for (const database of await pluginDatabases(client, options)) {
      await clearStaleLocksIn(database, options);
    }
  } catch (e) {
    await client.end().catch(() => {});
    throw e;
  }
  let released: Promise<void> | undefined;
  return {
    release: () => (released ??= client.end().catch(() => {})),
  };
}
