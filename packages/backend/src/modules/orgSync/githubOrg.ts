/*
 * People and teams from a GitHub organisation: Backstage's GitHub
 * multi-org provider (`GithubMultiOrgEntityProvider`, config under
 * catalog.providers.githubOrg, read as `-github-org` reads it) reads and
 * maps; Lodestar schedules it (ScheduledOrgSync.ts) so that a failed sync is
 * one clear line. This replaces
 * `@backstage/plugin-catalog-backend-module-github-org`'s module in main.ts;
 * its clean-up of entities left by the older single-org provider is not
 * needed by an installation that never ran that provider.
 */
import {
  coreServices,
  createBackendModule,
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  buildDefaultUserTransformer,
  GithubMultiOrgEntityProvider,
} from '@backstage/plugin-catalog-backend-module-github';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import { ScheduledOrgSync } from './ScheduledOrgSync';

const BASE_KEY = 'catalog.providers.githubOrg';

/** The githubOrg sections, one object or a list of them. */
function readSections(config: Config): Config[] {
  const raw = config.getOptional(BASE_KEY);
  if (!raw) return [];
  return Array.isArray(raw)
    ? config.getConfigArray(BASE_KEY)
    : [config.getConfig(BASE_KEY)];
}

/** The configured GitHub organisation providers, wrapped. */
export function createGithubOrgSyncs(options: {
  config: Config;
  logger: LoggerService;
  scheduler: SchedulerService;
  events?: EventsService;
}): ScheduledOrgSync[] {
  const { config, logger, scheduler, events } = options;
  const sections = readSections(config);
  return sections.map(section => {
    const id = section.getString('id');
    const orgs = section.getOptionalStringArray('orgs');
    const inner = GithubMultiOrgEntityProvider.fromConfig(config, {
      id,
      githubUrl: section.getString('githubUrl'),
      orgs,
      events,
      // ScheduledOrgSync schedules it.
      schedule: 'manual',
      logger,
      userTransformer: buildDefaultUserTransformer({
        useVerifiedEmails:
          section.getOptionalBoolean(
            'defaultUserTransformer.useVerifiedEmails',
          ) ?? false,
      }),
      // As -github-org: one organisation in one section keeps the default
      // namespace, several get one namespace each.
      alwaysUseDefaultNamespace: sections.length === 1 && orgs?.length === 1,
      pageSizes: section.has('pageSizes')
        ? {
            teams: section.getOptionalNumber('pageSizes.teams'),
            teamMembers: section.getOptionalNumber('pageSizes.teamMembers'),
            organizationMembers: section.getOptionalNumber(
              'pageSizes.organizationMembers',
            ),
          }
        : undefined,
      excludeSuspendedUsers:
        section.getOptionalBoolean('excludeSuspendedUsers') ?? false,
    });
    return new ScheduledOrgSync({
      inner,
      title: `GitHub organisation org sync "${id}" (${(orgs ?? []).join(
        ', ',
      )})`,
      noPeopleHint:
        'check GITHUB_ORG_SYNC_ORG and that the token can read the organisation (read:org)',
      schedule: readSchedulerServiceTaskScheduleDefinitionFromConfig(
        section.getConfig('schedule'),
      ),
      scheduler,
      logger,
    });
  });
}

export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'lodestar-github-org',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({ catalog, config, logger, scheduler, events }) {
        catalog.addEntityProvider(
          createGithubOrgSyncs({ config, logger, scheduler, events }),
        );
      },
    });
  },
});
