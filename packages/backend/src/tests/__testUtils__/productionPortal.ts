/*
 * The production portal as the integration tests (org sync, discovery,
 * sign-in, the adoption journey) start and call it: the real backend with
 * app-config.production.yaml from the repository root and productionEnv(),
 * optionally signing people in through the demo OpenID provider, and
 * called with a static token. One place, so each test shows only what it
 * switches on.
 */
import {
  demoOidcClient,
  PortalProcess,
  repoRoot,
  startPortal,
} from '@internal/testing';
import { productionEnv } from './support';

export interface ProductionPortalOptions {
  /** The port, when the OpenID provider must know it before start. */
  port?: number;
  /**
   * Sign-in through the demo OpenID provider at this metadata URL (sets
   * LODESTAR_BASE_URL to the port, which is then required).
   */
  oidcMetadataUrl?: string;
  /** Variables on top of productionEnv() (and the sign-in ones). */
  env?: Record<string, string>;
  /** Config on top of the production file. */
  config?: Record<string, unknown>;
  /** 'config' (the file's PostgreSQL, the default) or 'sqlite'. */
  database?: 'config' | 'sqlite';
}

/** Starts the real backend with the production config and environment. */
export function startProductionPortal(
  options: ProductionPortalOptions,
): Promise<PortalProcess> {
  const { port, oidcMetadataUrl, env, config, database = 'config' } = options;
  if (oidcMetadataUrl && !port) {
    throw new Error('sign-in through the demo OpenID provider needs a port');
  }
  return startPortal({
    port,
    configs: ['app-config.production.yaml'],
    database,
    cwd: repoRoot,
    env: {
      ...productionEnv(),
      ...(oidcMetadataUrl
        ? {
            LODESTAR_BASE_URL: `http://localhost:${port}`,
            AUTH_OIDC_METADATA_URL: oidcMetadataUrl,
            AUTH_OIDC_CLIENT_ID: demoOidcClient.clientId,
            AUTH_OIDC_CLIENT_SECRET: demoOidcClient.clientSecret,
          }
        : {}),
      ...env,
    },
    config,
  });
}

/** Config that lets a test call the portal with `token` as `subject`. */
export const staticTokenConfig = (token: string, subject: string) => ({
  backend: {
    auth: {
      externalAccess: [{ type: 'static', options: { token, subject } }],
    },
  },
});

/** `fetch` on the portal with `token` as the bearer. */
export const portalFetch = (
  portal: PortalProcess,
  token: string,
  urlPath: string,
  init: RequestInit = {},
) =>
  fetch(`${portal.baseUrl}${urlPath}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.headers as Record<string, string> | undefined),
    },
  });

/** The Users or Groups in the catalog (up to 500), read with `token`. */
export async function catalogEntities(
  portal: PortalProcess,
  token: string,
  kind: 'User' | 'Group',
): Promise<any[]> {
  const res = await portalFetch(
    portal,
    token,
    `/api/catalog/entities/by-query?filter=kind=${kind}&limit=500`,
  );
  if (res.status !== 200) {
    throw new Error(`catalog query for ${kind}: HTTP ${res.status}`);
  }
  return (await res.json()).items;
}

/** The entity of that name among `items`. */
export const byName = (items: any[], name: string) =>
  items.find(e => e.metadata.name === name);

/** The targets of an entity's relations of one type, sorted. */
export const relationTargets = (entity: any, type: string): string[] =>
  (entity?.relations ?? [])
    .filter((r: any) => r.type === type)
    .map((r: any) => r.targetRef)
    .sort();

/** The backend's JSON log lines whose message matches. */
export const logLinesMatching = (portal: PortalProcess, pattern: RegExp) =>
  portal
    .output()
    .split('\n')
    .filter(line => {
      try {
        return pattern.test(JSON.parse(line).message);
      } catch {
        return false;
      }
    });
