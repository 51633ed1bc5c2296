import { postgresConnection } from '@internal/testing';

// The database engines the backend tests run on. `npm test` sets
// LODESTAR_SKIP_POSTGRES=1 (loudly) only when PostgreSQL is missing outside CI.
export const engines: Array<'sqlite' | 'postgres'> =
  process.env.LODESTAR_SKIP_POSTGRES === '1'
    ? ['sqlite']
    : ['sqlite', 'postgres'];

/** Polls `fn` until it returns a truthy value or the time is up. */
export async function eventually<T>(
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`condition not met in ${timeoutMs} ms ${last ?? ''}`);
}

/** Environment app-config.production.yaml reads, pointing at the test PostgreSQL. */
export function productionEnv(): Record<string, string> {
  const pg = postgresConnection();
  return {
    LODESTAR_BASE_URL: 'http://localhost:7007',
    LODESTAR_ORG_NAME: 'Tidewater',
    LODESTAR_GITHUB_ORG: 'tidewater',
    LODESTAR_PLATFORM_TEAM: 'group:default/platform-team',
    BACKEND_SECRET: 'a-test-secret-that-is-long-enough',
    // Unreachable: sign-in would fail (and retry), start-up does not.
    AUTH_OIDC_METADATA_URL:
      'http://127.0.0.1:9/.well-known/openid-configuration',
    AUTH_OIDC_CLIENT_ID: 'test-oidc-client',
    AUTH_OIDC_CLIENT_SECRET: 'test-oidc-secret',
    AUTH_SESSION_SECRET: 'a-test-session-secret',
    AUTH_GITHUB_CLIENT_ID: 'test-client-id',
    AUTH_GITHUB_CLIENT_SECRET: 'test-client-secret',
    GITHUB_TOKEN: 'test-github-token',
    PORTAL_KPI_INGEST_TOKEN: 'test-kpi-ingest-token',
    POSTGRES_HOST: pg.host,
    POSTGRES_PORT: String(pg.port),
    POSTGRES_USER: pg.user,
    POSTGRES_PASSWORD: pg.password ?? '',
  };
}
