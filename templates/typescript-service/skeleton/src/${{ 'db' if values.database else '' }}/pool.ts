import pg from 'pg';

/** A connection pool for the service's PostgreSQL database. */
export function createPool(databaseUrl: string): pg.Pool {
  return new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    // Fail fast when the database is unreachable, so /readyz answers promptly.
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
  });
}
