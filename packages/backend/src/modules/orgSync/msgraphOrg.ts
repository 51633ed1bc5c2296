/*
 * People and teams from Microsoft Entra ID: Backstage's msgraph provider
 * (`MicrosoftGraphOrgEntityProvider`, config under
 * catalog.providers.microsoftGraphOrg.<id>) reads and maps; Lodestar
 * schedules it (ScheduledOrgSync.ts) so that a failed sync is one clear line.
 * This replaces `@backstage/plugin-catalog-backend-module-msgraph`'s default
 * module in main.ts (no transformers are customised, so its extension point
 * is not needed).
 */
import {
  coreServices,
  createBackendModule,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  MicrosoftGraphOrgEntityProvider,
  readProviderConfigs,
} from '@backstage/plugin-catalog-backend-module-msgraph';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ScheduledOrgSync } from './ScheduledOrgSync';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 50 },
};

/** The configured Entra ID providers, wrapped; none when no section is set. */
export function createMicrosoftGraphOrgSyncs(options: {
  config: Config;
  logger: LoggerService;
  scheduler: SchedulerService;
}): ScheduledOrgSync[] {
  const { config, logger, scheduler } = options;
  const configs = readProviderConfigs(config);
  if (!configs.length) return [];
  // 'manual': upstream does not schedule; ScheduledOrgSync does.
  const providers = MicrosoftGraphOrgEntityProvider.fromConfig(config, {
    logger,
    schedule: 'manual',
  });
  return providers.map(
    (inner, index) =>
      new ScheduledOrgSync({
        inner,
        title: `Microsoft Entra ID org sync "${configs[index].id}"`,
        noPeopleHint:
          'check AZURE_USER_FILTER and that the app registration has User.Read.All',
        schedule: configs[index].schedule ?? DEFAULT_SCHEDULE,
        scheduler,
        logger,
      }),
  );
}

export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'lodestar-msgraph-org',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        catalog.addEntityProvider(
          createMicrosoftGraphOrgSyncs({ config, logger, scheduler }),
        );
      },
    });
  },
});
