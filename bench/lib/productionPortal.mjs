/*
 * The production portal for a benchmark (bench/discovery, bench/org-sync,
 * bench/webhooks): the harness's startProductionPortal with bench names and
 * progress lines logged, @internal/testing (TypeScript: slapd and the
 * stand-ins) loaded through Backstage's transform, and the two catalog calls
 * every such benchmark makes with its static token.
 */
import { startProductionPortal } from '@internal/harness';
import { requireWorkspace } from './workspace.mjs';

/** @internal/testing, which is TypeScript, loaded through Backstage's transform. */
export function loadTesting() {
  return requireWorkspace('@internal/testing');
}

/**
 * The harness's production portal (app-config.production.yaml, the test
 * PostgreSQL, sign-in pointing nowhere) with progress lines logged.
 */
export function startBenchProductionPortal({ env, ...options }) {
  return startProductionPortal({
    ...options,
    env: {
      LOG_LEVEL: 'info',
      LODESTAR_ORG_NAME: 'Bench',
      LODESTAR_GITHUB_ORG: 'bench',
      ...env,
    },
  });
}

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
