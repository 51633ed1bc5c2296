/*
 * How the integration tests (org sync, discovery, sign-in, the adoption
 * journey) call the production portal that @internal/harness's
 * startProductionPortal starts: with a static token, reading the catalog and
 * the backend's JSON log lines.
 */
import { PortalProcess } from '@internal/testing';

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
