// @ts-check
/*
 * The PostgreSQL server that `npm test`, the tests and the
 * benchmarks use: where it is (POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER,
 * POSTGRES_PASSWORD; postgres@127.0.0.1:5432 by default), whether one can log
 * in, and the databases test portals create, each portal under its own
 * `lodestar_t<hex>_` prefix.
 */
import crypto from 'node:crypto';
import pg from 'pg';

/**
 * @typedef {object} PostgresTarget
 * @property {string} host
 * @property {number} port
 * @property {string} user
 * @property {string} [password]
 */

/**
 * The server the POSTGRES_* variables name.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {PostgresTarget}
 */
export function postgresTarget(env = process.env) {
  return {
    host: env.POSTGRES_HOST ?? '127.0.0.1',
    port: Number(env.POSTGRES_PORT ?? 5432),
    user: env.POSTGRES_USER ?? 'postgres',
    password: env.POSTGRES_PASSWORD || undefined,
  };
}

/**
 * The POSTGRES_* variables (as app-config.production.yaml reads them) for `target`.
 * @param {PostgresTarget} [target]
 * @returns {Record<string, string>}
 */
export function postgresEnv(target = postgresTarget()) {
  return {
    POSTGRES_HOST: target.host,
    POSTGRES_PORT: String(target.port),
    POSTGRES_USER: target.user,
    POSTGRES_PASSWORD: target.password ?? '',
  };
}

/**
 * `postgresql://user[:password]@host:port`, e.g. for
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING.
 * @param {PostgresTarget} [target]
 */
export function postgresUrl(target = postgresTarget()) {
  const password = target.password
    ? `:${encodeURIComponent(target.password)}`
    : '';
  return `postgresql://${encodeURIComponent(target.user)}${password}@${
    target.host
  }:${target.port}`;
}

/**
 * Logs in for real (a server that refuses the credentials is as good as
 * missing): why that fails, or undefined when it works.
 * @param {PostgresTarget} [target]
 * @returns {Promise<string | undefined>}
 */
export async function postgresLoginError(target = postgresTarget()) {
  const client = new pg.Client({
    ...target,
    database: 'postgres',
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Every test portal's databases start with this. */
export const TEST_DATABASE_PREFIX = 'lodestar_t';

/** A fresh `lodestar_t<hex>_` prefix for one portal's (or several portals') databases. */
export function newPostgresPrefix() {
  return `${TEST_DATABASE_PREFIX}${crypto.randomBytes(4).toString('hex')}_`;
}

/**
 * Drops every database whose name starts with `prefix`.
 * @param {string} prefix
 * @param {PostgresTarget} [target]
 * @returns {Promise<number>} how many were dropped
 */
export async function dropDatabasesWithPrefix(
  prefix,
  target = postgresTarget(),
) {
  if (!/^[a-z0-9_]+$/.test(prefix)) throw new Error(`unsafe prefix ${prefix}`);
  const client = new pg.Client({ ...target, database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select datname from pg_database where datname like $1 escape '\\'",
      [`${prefix.replace(/_/g, '\\_')}%`],
    );
    for (const { datname } of rows) {
      await client.query(`drop database if exists "${datname}" with (force)`);
    }
    return rows.length;
  } finally {
    await client.end();
  }
}

/**
 * Drops the databases of test portals that killed runs left behind (every
 * `lodestar_t…` database). Only for the start of a whole test run: it would
 * pull the databases from under portals that are running.
 * @param {PostgresTarget} [target]
 * @returns {Promise<number>} how many were dropped
 */
export function dropLeftoverTestDatabases(target = postgresTarget()) {
  return dropDatabasesWithPrefix(TEST_DATABASE_PREFIX, target);
}
