/*
 * The platform-kpis backend plugin (/api/platform-kpis): wiring only. The
 * event store owns ingestion SQL, the queries the read SQL, the collectors
 * copy facts from the scaffolder, the catalog and the requests plugin.
 */
import {
  coreServices,
  createBackendPlugin,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { platformKpisPermissions } from '@internal/plugin-platform-kpis-common';
import { registerKpiActions } from './actions/kpiSummaryAction';
import { Collector, createCollectors } from './collectors/Collector';
import { PluginClient } from './collectors/PluginClient';
import { KpiSettings, readKpiSettings } from './config';
import { CollectorState } from './database/CollectorState';
import { DatabaseEventStore } from './database/DatabaseEventStore';
import { DatabaseWebhookStore } from './database/DatabaseWebhookStore';
import { KpiQueries } from './queries/KpiQueries';
import { SurveysClient } from './service/SurveysClient';
import { createRouter } from './router';
import { createWebhookSources } from './sources';
import { ClaimResolver } from './service/ClaimResolver';
import { createGoldenPathRatingsReader } from './service/GoldenPathRatings';
import { IngestService } from './service/IngestService';
import { ServiceDirectory } from './service/ServiceDirectory';
import { WebhookService } from './service/WebhookService';

export const platformKpisPlugin = createBackendPlugin({
  pluginId: 'platform-kpis',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const settings = readKpiSettings(deps.config);
        const store = await DatabaseEventStore.create({
          database: deps.database,
          productionEnvironments: settings.productionEnvironments,
        });
        const knex = await deps.database.getClient();
        deps.permissionsRegistry.addPermissions(platformKpisPermissions);

        const state = new CollectorState(knex);
        const { catalog, auth } = deps;
        const ingest = new IngestService(
          store,
          new ServiceDirectory(catalog, auth),
        );
        const webhooks = new WebhookService(
          createWebhookSources(settings),
          settings.webhookSecrets,
          await DatabaseWebhookStore.create({ database: deps.database }),
          new ClaimResolver(catalog, auth, { cacheMs: settings.claimCacheMs }),
          ingest,
        );
        const collectors = createCollectors({
          knex,
          catalog,
          auth,
          client: new PluginClient(deps.discovery, deps.auth),
          state,
          webhooks,
        });
        for (const collector of collectors) {
          await schedule(deps.scheduler, deps.logger, collector, settings);
        }

        const surveys = new SurveysClient(deps.discovery, deps.auth);
        const queries = new KpiQueries(knex, state, Date.now, surveys);
        const readRatings = createGoldenPathRatingsReader({
          surveys,
          logger: deps.logger,
        });
        // The KPI summary as a tool for AI assistants (served over MCP).
        registerKpiActions(deps.actionsRegistry, {
          queries,
          readRatings,
          permissions: deps.permissions,
          auditor: deps.auditor,
        });

        // Webhook senders have no Backstage token: the signature, checked
        // by each source, is their authentication.
        deps.httpRouter.addAuthPolicy({
          path: '/webhooks',
          allow: 'unauthenticated',
        });
        deps.httpRouter.use(
          createRouter({
            ingest,
            queries,
            readRatings,
            webhooks,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
          }),
        );
      },
    });
  },
});

/**
 * Collectors run on one replica at a time (global scope, the scheduler's
 * lock in the database) and continue where they stopped.
 */
async function schedule(
  scheduler: SchedulerService,
  logger: LoggerService,
  collector: Collector,
  settings: KpiSettings,
) {
  const override = settings.collectorIntervalSeconds;
  await scheduler.scheduleTask({
    id: collector.id,
    scope: 'global',
    frequency: override ? { seconds: override } : collector.frequency,
    timeout: { minutes: 10 },
    initialDelay: {
      seconds: Math.min(collector.firstRunAfterSeconds, override ?? Infinity),
    },
    fn: async () => {
      try {
        logger.info(
          `${collector.id}: ${JSON.stringify(await collector.collect())}`,
        );
      } catch (error) {
        // The next run continues from the last watermark.
        logger.warn(`${collector.id} failed: ${error}`);
      }
    },
  });
}
