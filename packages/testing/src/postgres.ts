import { Client } from 'pg';

export type PostgresConnection = {
  host: string;
  port: number;
  user: string;
  password?: string;
};

/** PostgreSQL for tests: 127.0.0.1:5432 as `postgres` unless POSTGRES_* say otherwise. */
export function postgresConnection(): PostgresConnection {
  return {
    host: process.env.POSTGRES_HOST ?? '127.0.0.1',
    port: Number(process.env.POSTGRES_PORT ?? 5432),
    user: process.env.POSTGRES_USER ?? 'postgres',
    password: process.env.POSTGRES_PASSWORD || undefined,
  };
}

export async function postgresAvailable(
  connection = postgresConnection(),
): Promise<boolean> {
  const client = new Client({
    ...connection,
    database: 'postgres',
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drops the per-plugin databases a test backend created under `prefix`. */
export async function dropDatabasesWithPrefix(
  prefix: string,
  connection = postgresConnection(),
): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(prefix)) throw new Error(`unsafe prefix ${prefix}`);
  const client = new Client({ ...connection, database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select datname from pg_database where datname like $1 escape '\\'",
      [`${prefix.replace(/_/g, '\\_')}%`],
    );
    for (const { datname } of rows) {
      await client.query(`drop database if exists "${datname}" with (force)`);
    }
  } finally {
    await client.end();
  }
}
