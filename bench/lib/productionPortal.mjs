/*
 * The production portal for a benchmark (bench/discovery, bench/org-sync):
 * @internal/testing loaded through Backstage's TypeScript transform (its
 * startPortal, stand-ins and slapd), the environment
 * app-config.production.yaml needs on the test PostgreSQL with bench
 * values, a static token for the benchmark's own requests, and the two
 * catalog calls every such benchmark makes with it.
 */
import { requireWorkspace } from './workspace.mjs';

/** @internal/testing, which is TypeScript, loaded through Backstage's transform. */
export function loadTesting() {
  return requireWorkspace('@internal/testing');
}

/**
 * The variables app-config.production.yaml reads, with bench values and the
 * test PostgreSQL (@internal/testing's postgresConnection()); sign-in points
 * nowhere (start-up does not need it). Progress lines are logged.
 */
export function benchProductionEnv() {
  const pg = loadTesting().postgresConnection();
  return {
    LOG_LEVEL: 'info',
    LODESTAR_BASE_URL: 'http://localhost:7007',
    LODESTAR_ORG_NAME: 'Bench',
    LODESTAR_GITHUB_ORG: 'bench',
    LODESTAR_PLATFORM_TEAM: 'group:default/platform-team',
    BACKEND_SECRET: 'a-bench-secret-that-is-long-enough',
    AUTH_OIDC_METADATA_URL:
      'http://127.0.0.1:9/.well-known/openid-configuration',
    AUTH_OIDC_CLIENT_ID: 'bench',
    AUTH_OIDC_CLIENT_SECRET: 'bench',
    AUTH_SESSION_SECRET: 'bench-session-secret',
    AUTH_GITHUB_CLIENT_ID: 'bench',
    AUTH_GITHUB_CLIENT_SECRET: 'bench',
    GITHUB_TOKEN: 'bench',
    PORTAL_KPI_INGEST_TOKEN: 'bench-kpi-token',
    POSTGRES_HOST: pg.host,
    POSTGRES_PORT: String(pg.port),
    POSTGRES_USER: pg.user,
    POSTGRES_PASSWORD: pg.password ?? '',
  };
}

/** Config that lets the benchmark call the portal with `token`. */
export const staticTokenConfig = token => ({
  backend: {
    auth: {
      externalAccess: [
        { type: 'static', options: { token, subject: 'bench' } },
      ],
    },
  },
});

/**
 * The catalog calls of a sync benchmark, made with `token`: how many
 * entities of a kind are queryable, and start a (manual) scheduled task.
 */
export function benchCatalog(portal, token) {
  const headers = { Authorization: `Bearer ${token}` };
  return {
    total: async kind => {
      const res = await fetch(
        `${portal.baseUrl}/api/catalog/entities/by-query?filter=kind=${kind}&limit=1`,
        { headers },
      );
      if (!res.ok) throw new Error(`catalog query: ${res.status}`);
      return (await res.json()).totalItems;
    },
    trigger: async task => {
      const res = await fetch(
        `${
          portal.baseUrl
        }/api/catalog/.backstage/scheduler/v1/tasks/${encodeURIComponent(
          task,
        )}/trigger`,
        { method: 'POST', headers },
      );
      if (!res.ok) {
        throw new Error(`trigger: ${res.status} ${await res.text()}`);
      }
    },
  };
}
