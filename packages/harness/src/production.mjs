// @ts-check
/*
 * The production portal as the integration tests and the benchmarks start
 * it: app-config.production.yaml from the repository root, the variables it
 * reads (test values, the test PostgreSQL), optionally signing people in
 * through the demo OpenID provider, and called with a static token.
 */
import { demoOidcClient } from './oidc.mjs';
import { repoRoot } from './paths.mjs';
import { startPortal } from './portal.mjs';
import { postgresEnv, postgresTarget } from './postgres.mjs';

/**
 * The variables app-config.production.yaml reads, with test values and the
 * PostgreSQL server of postgresTarget(). Sign-in points nowhere: it would
 * fail (and retry), start-up does not.
 * @returns {Record<string, string>}
 */
export function productionEnv() {
  return {
    LODESTAR_BASE_URL: 'http://localhost:7007',
    LODESTAR_ORG_NAME: 'Tidewater',
    LODESTAR_GITHUB_ORG: 'tidewater',
    LODESTAR_PLATFORM_TEAM: 'group:default/platform-team',
    BACKEND_SECRET: 'a-test-secret-that-is-long-enough',
    AUTH_OIDC_METADATA_URL:
      'http://127.0.0.1:9/.well-known/openid-configuration',
    AUTH_OIDC_CLIENT_ID: 'test-oidc-client',
    AUTH_OIDC_CLIENT_SECRET: 'test-oidc-secret',
    AUTH_SESSION_SECRET: 'a-test-session-secret',
    AUTH_GITHUB_CLIENT_ID: 'test-client-id',
    AUTH_GITHUB_CLIENT_SECRET: 'test-client-secret',
    GITHUB_TOKEN: 'test-github-token',
    PORTAL_KPI_INGEST_TOKEN: 'test-kpi-ingest-token',
    LODESTAR_SURVEY_RESPONDENT_KEY: 'test-survey-respondent-key-of-32-chars',
    ...postgresEnv(postgresTarget()),
  };
}

/**
 * @typedef {Omit<import('./portal.mjs').StartPortalOptions, 'configs' | 'cwd' | 'database'> & {
 *   oidcMetadataUrl?: string,
 *   database?: 'config' | 'sqlite',
 * }} ProductionPortalOptions
 * `oidcMetadataUrl`: sign-in through the demo OpenID provider there (sets
 * LODESTAR_BASE_URL to `port`, which is then required). `env`: on top of
 * productionEnv() and the sign-in variables. `database`: 'config' (the
 * file's PostgreSQL, the default) or 'sqlite'.
 */

/**
 * Starts the real backend with the production config and environment.
 * @param {ProductionPortalOptions} options
 */
export function startProductionPortal(options) {
  const { oidcMetadataUrl, env, database = 'config', ...rest } = options;
  if (oidcMetadataUrl && !rest.port) {
    throw new Error('sign-in through the demo OpenID provider needs a port');
  }
  return startPortal({
    ...rest,
    configs: ['app-config.production.yaml'],
    database,
    cwd: repoRoot,
    env: {
      ...productionEnv(),
      ...(oidcMetadataUrl
        ? {
            LODESTAR_BASE_URL: `http://localhost:${rest.port}`,
            AUTH_OIDC_METADATA_URL: oidcMetadataUrl,
            AUTH_OIDC_CLIENT_ID: demoOidcClient.clientId,
            AUTH_OIDC_CLIENT_SECRET: demoOidcClient.clientSecret,
          }
        : {}),
      ...env,
    },
  });
}

/**
 * Config that lets a caller use the portal with `token` as `subject`.
 * @param {string} token
 * @param {string} subject
 */
export const staticTokenConfig = (token, subject) => ({
  backend: {
    auth: {
      externalAccess: [{ type: 'static', options: { token, subject } }],
    },
  },
});
