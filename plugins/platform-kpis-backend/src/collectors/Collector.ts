/*
 * A collector: a scheduled task that copies facts from elsewhere into the
 * KPI tables. plugin.ts schedules every one the same way (global scope,
 * platformKpis.collectorIntervalSeconds overriding the frequency), so adding
 * one is adding it to the list in createCollectors.
 */
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';
import { CollectorState } from '../database/CollectorState';
import { WebhookService } from '../service/WebhookService';
import { collectCatalog } from './catalogCollector';
import { PluginClient } from './PluginClient';
import { collectRequests } from './requestCollector';
import { collectTemplateRuns } from './templateRunCollector';

export interface Collector {
  /** The scheduler's task id. */
  readonly id: string;
  /** How often it runs by default. */
  readonly frequency: { minutes: number };
  /** Seconds from start-up to the first run. */
  readonly firstRunAfterSeconds: number;
  /** One run; the summary it returns goes to the log. */
  collect(): Promise<object>;
}

export function createCollectors(deps: {
  knex: Knex;
  catalog: CatalogService;
  auth: AuthService;
  client: PluginClient;
  state: CollectorState;
  webhooks: WebhookService;
}): Collector[] {
  const { knex, catalog, auth, client, state, webhooks } = deps;
  // First runs are spread out so a starting backend does not open a
  // connection for each at once.
  return [
    {
      id: 'platform-kpis-collect-catalog',
      // Often enough that a first run during the catalog's initial load is
      // soon corrected; cheap, since it replaces one row per component.
      frequency: { minutes: 10 },
      firstRunAfterSeconds: 5,
      collect: () => collectCatalog({ knex, catalog, auth, state }),
    },
    {
      id: 'platform-kpis-collect-template-runs',
      frequency: { minutes: 5 },
      firstRunAfterSeconds: 15,
      collect: () =>
        collectTemplateRuns({ knex, client, catalog, auth, state }),
    },
    {
      id: 'platform-kpis-collect-requests',
      frequency: { minutes: 5 },
      firstRunAfterSeconds: 25,
      collect: () => collectRequests({ knex, client, state }),
    },
    {
      id: 'platform-kpis-apply-kept-webhook-events',
      // Kept webhook events reach a component this soon after it gains
      // the annotation; cheap when nothing is kept (one query).
      frequency: { minutes: 1 },
      firstRunAfterSeconds: 35,
      collect: () => webhooks.applyKeptEvents(),
    },
  ];
}
