/*
 * The platform-surveys backend plugin (/api/platform-surveys): wiring only.
 * The store owns the SQL, the service the rules, the router HTTP.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  createRequestClock,
  PeopleDirectory,
} from '@internal/plugin-platform-node';
import { platformSurveyPermissions } from '@internal/plugin-platform-surveys-common';
import { readPlatformSurveysConfig } from './config';
import { DatabaseSurveyStore } from './database/DatabaseSurveyStore';
import { createRouter } from './router';
import { createRespondentHasher } from './service/respondentHash';
import { RoundNotifier } from './service/RoundNotifier';
import { createTaskReader, RunRatingService } from './service/RunRatings';
import { ScoreDistributions } from './service/ScoreDistributions';
import { SurveyService } from './service/SurveyService';

export const platformSurveysPlugin = createBackendPlugin({
  pluginId: 'platform-surveys',
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
        notifications: notificationService,
      },
      async init(deps) {
        const settings = readPlatformSurveysConfig(deps.config);
        const store = await DatabaseSurveyStore.create({
          database: deps.database,
        });
        deps.permissionsRegistry.addPermissions(platformSurveyPermissions);

        const service = new SurveyService(
          store,
          new PeopleDirectory(deps.catalog, deps.auth),
          createRespondentHasher(settings.respondentKey),
          settings.anonymityFloor,
        );

        // A round's audience is told when it opens: checked every few
        // minutes by one replica, and right after a survey is created.
        const notifier = new RoundNotifier(
          store,
          deps.notifications,
          deps.logger,
        );
        const notifyOpenRounds = async () => {
          const sent = await notifier.notifyOpenRounds(new Date());
          if (sent) deps.logger.info(`Announced ${sent} survey round(s)`);
        };
        await deps.scheduler.scheduleTask({
          id: 'platform-surveys-round-notifications',
          scope: 'global',
          frequency: { minutes: 5 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 30 },
          fn: notifyOpenRounds,
        });

        const runRatings = new RunRatingService(
          store,
          createTaskReader({ discovery: deps.discovery, auth: deps.auth }),
          settings.respondentKey,
          settings.anonymityFloor,
        );

        deps.httpRouter.use(
          createRouter({
            service,
            runRatings,
            distributions: new ScoreDistributions(
              store,
              settings.anonymityFloor,
            ),
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            permissions: deps.permissions,
            auditor: deps.auditor,
            clock: createRequestClock(deps.config),
            onCreated: () => {
              notifyOpenRounds().catch(error =>
                deps.logger.warn('Could not announce survey rounds', {
                  error: String(error),
                }),
              );
            },
          }),
        );
      },
    });
  },
});
