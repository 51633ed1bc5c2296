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
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { platformKpisPermissions } from '@internal/plugin-platform-kpis-common';
import { collectCatalog } from './collectors/catalogCollector';
import { CollectorState } from './collectors/CollectorState';
import { PluginClient } from './collectors/PluginClient';
import { collectRequests } from './collectors/requestCollector';
import { collectTemplateRuns } from './collectors/templateRunCollector';
import { readKpiSettings } from './config';
import { EventStore } from './database/EventStore';
import { applyMigrations } from './database/migrations';
import { KpiQueries } from './queries/KpiQueries';
import { createRouter } from './router';
import { IngestService } from './service/IngestService';
import { ServiceDirectory } from './service/ServiceDirectory';

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
      },
      async init(deps) {
        const settings = readKpiSettings(deps.config);
        const knex = await deps.database.getClient();
        await applyMigrations(deps.database, knex);
        deps.permissionsRegistry.addPermissions(platformKpisPermissions);

        const state = new CollectorState(knex);
        const client = new PluginClient(deps.discovery, deps.auth);
        const { catalog, auth } = deps;
        const every = (minutes: number) =>
          settings.collectorIntervalSeconds
            ? { seconds: settings.collectorIntervalSeconds }
            : { minutes };
        const firstAfter = (seconds: number) =>
          Math.min(seconds, settings.collectorIntervalSeconds ?? seconds);

        // Collectors run on one replica at a time (global scope, the
        // scheduler's lock in the database) and continue where they stopped.
        // Their first runs are spread out so a starting backend does not
        // open a connection for each at once.
        await schedule(
          deps.scheduler,
          deps.logger,
          'platform-kpis-collect-catalog',
          // Often enough that a first run during the catalog's initial load
          // is soon corrected; cheap, since it replaces one row per component.
          every(10),
          firstAfter(5),
          async () =>
            JSON.stringify(
              await collectCatalog({ knex, catalog, auth, state }),
            ),
        );
        await schedule(
          deps.scheduler,
          deps.logger,
          'platform-kpis-collect-template-runs',
          every(5),
          firstAfter(15),
          async () =>
            JSON.stringify(
              await collectTemplateRuns({ knex, client, catalog, auth, state }),
            ),
        );
        await schedule(
          deps.scheduler,
          deps.logger,
          'platform-kpis-collect-requests',
          every(5),
          firstAfter(25),
          async () =>
            JSON.stringify(await collectRequests({ knex, client, state })),
        );

        deps.httpRouter.use(
          createRouter({
            ingest: new IngestService(
              new EventStore(knex, settings.productionEnvironments),
              new ServiceDirectory(catalog, auth),
            ),
            queries: new KpiQueries(knex, state),
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
          }),
        );
      },
    });
  },
});

async function schedule(
  scheduler: SchedulerService,
  logger: LoggerService,
  id: string,
  frequency: { minutes: number } | { seconds: number },
  firstAfterSeconds: number,
  collect: () => Promise<string>,
) {
  await scheduler.scheduleTask({
    id,
    scope: 'global',
    frequency,
    timeout: { minutes: 10 },
    initialDelay: { seconds: firstAfterSeconds },
    fn: async () => {
      try {
        logger.info(`${id}: ${await collect()}`);
      } catch (error) {
        // The next run continues from the last watermark.
        logger.warn(`${id} failed: ${error}`);
      }
    },
  });
}
