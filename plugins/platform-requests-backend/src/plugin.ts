/*
 * The platform-requests backend plugin (/api/platform-requests): wiring only.
 * The store owns the SQL, the service the rules around it, the router HTTP.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  improvementPermissions,
  platformRequestEditPermission,
  platformRequestPermissions,
  platformRequestRequesterActionPermission,
} from '@internal/plugin-platform-requests-common';
import { registerRequestActions } from './actions';
import {
  readPlatformRequestsConfig,
  readSlaAlertSchedule,
  readWeeklyDigestSchedule,
} from './config';
import { DatabaseRequestStore } from './database/DatabaseRequestStore';
import { DatabaseImprovementStore } from './database/DatabaseImprovementStore';
import { ImprovementService } from './service/ImprovementService';
import { createRequestClock } from '@internal/plugin-platform-node';
import { platformRequestRules } from './permissions/conditions';
import { RequestAuthorizer } from './permissions/RequestAuthorizer';
import { platformRequestResourceRef } from './permissions/resource';
import { createRouter } from './router';
import { RequestNotifier } from './service/RequestNotifier';
import { RequestService } from './service/RequestService';
import { TeamDirectory } from './service/TeamDirectory';
import { PlatformTeamCheck } from './service/PlatformTeamCheck';
import { createOrgSyncProgress } from './service/orgSyncProgress';
import { SlaWatch } from './service/SlaWatch';
import { SlaAlertStore } from './database/SlaAlertStore';
import { DigestStore } from './database/DigestStore';
import { IntakeDigest } from './service/IntakeDigest';

const RESOURCE_PERMISSIONS = [
  platformRequestEditPermission,
  platformRequestRequesterActionPermission,
];

export const platformRequestsPlugin = createBackendPlugin({
  pluginId: 'platform-requests',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const settings = readPlatformRequestsConfig(deps.config);
        const store = await DatabaseRequestStore.create({
          database: deps.database,
          settings,
        });
        deps.logger.info(
          `Platform requests: similar titles by ${store.textSearch.method}`,
        );

        deps.permissionsRegistry.addResourceType({
          resourceRef: platformRequestResourceRef,
          permissions: RESOURCE_PERMISSIONS,
          rules: Object.values(platformRequestRules),
          getResources: keys => store.getResources(keys),
        });
        deps.permissionsRegistry.addPermissions(
          [...platformRequestPermissions, ...improvementPermissions].filter(
            p => p.type === 'basic',
          ),
        );
        const authorizer = new RequestAuthorizer(
          deps.permissions,
          createConditionTransformer(
            deps.permissionsRegistry.getPermissionRuleset(
              platformRequestResourceRef,
            ),
          ),
        );

        const notifier = new RequestNotifier(
          deps.events,
          deps.notifications,
          deps.logger,
        );
        const teams = new TeamDirectory(
          deps.catalog,
          deps.auth,
          settings.platformTeam,
        );
        const knex = await deps.database.getClient();
        const improvements = new ImprovementService(
          new DatabaseImprovementStore(knex, settings),
          teams,
          notifier,
          settings,
        );
        const service = new RequestService(
          store,
          teams,
          notifier,
          settings,
          improvements,
        );

        // Age is part of the priority score: the stored score (used to sort)
        // is refreshed hourly, while responses compute it fresh.
        await deps.scheduler.scheduleTask({
          id: 'platform-requests-refresh-priority',
          frequency: { hours: 1 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const updated = await store.refreshPriorities();
            deps.logger.debug(`Refreshed the priority of ${updated} requests`);
          },
        });

        // Is the platform team's Group in the catalog? Said once in the log,
        // and on the triage page (GET /platform-team). Every replica checks
        // for itself: the answer is cheap and each serves its own page.
        const platformTeam = new PlatformTeamCheck({
          ref: settings.platformTeam,
          groupExists: async ref =>
            !!(await deps.catalog.getEntityByRef(ref, {
              credentials: await deps.auth.getOwnServiceCredentials(),
            })),
          orgSyncsHaveRun: createOrgSyncProgress(deps),
          logger: deps.logger,
        });
        await deps.scheduler.scheduleTask({
          id: 'platform-requests-platform-team-check',
          scope: 'local',
          frequency: { seconds: 30 },
          timeout: { seconds: 20 },
          initialDelay: { seconds: 10 },
          fn: () => platformTeam.check(),
        });

        // SLA warnings to the platform team, once per request, clock and
        // threshold; global, so one replica runs each check.
        const slaWatch = new SlaWatch({
          store: new SlaAlertStore(knex),
          notifier,
          config: settings,
          logger: deps.logger,
        });
        await deps.scheduler.scheduleTask({
          id: 'platform-requests-sla-alerts',
          scope: 'global',
          ...readSlaAlertSchedule(deps.config),
          fn: async () => {
            const sent = await slaWatch.check();
            if (sent) deps.logger.info(`Sent ${sent} SLA warning(s)`);
          },
        });
        // The weekly intake digest, once per week across replicas.
        const digest = new IntakeDigest({
          digests: new DigestStore(knex),
          requests: new SlaAlertStore(knex),
          notifier,
          config: settings,
          logger: deps.logger,
        });
        await deps.scheduler.scheduleTask({
          id: 'platform-requests-weekly-digest',
          scope: 'global',
          ...readWeeklyDigestSchedule(deps.config),
          fn: async () => {
            if (await digest.send()) {
              deps.logger.info('Sent the weekly intake digest');
            }
          },
        });

        // The same jobs as tools for AI assistants (served over MCP).
        registerRequestActions(deps.actionsRegistry, {
          service,
          authorizer,
          userInfo: deps.userInfo,
          auditor: deps.auditor,
          appBaseUrl: deps.config.getOptionalString('app.baseUrl') ?? '',
          improvements,
        });

        // The demo seeder may backdate writes (lodestar.demo.backdating).
        const clock = createRequestClock(deps.config);
        deps.httpRouter.use(
          createRouter({
            service,
            platformTeam,
            authorizer,
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            auditor: deps.auditor,
            clock,
            improvements: { improvements, clock },
          }),
        );
      },
    });
  },
});
