/*
 * The local-git backend plugin (/api/local-git): serves the repositories
 * publish:lodestar creates in the embedded default, and cleans up after
 * failed template runs. Does nothing when publishing goes to GitHub.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  LocalGitStore,
  readLocalGitConfig,
  scaffolderTaskStatus,
  sweepOrphans,
} from '@internal/plugin-local-git-node';
import { createLocalGitRouter } from './router';

export const localGitPlugin = createBackendPlugin({
  pluginId: 'local-git',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ config, logger, httpRouter, scheduler, discovery, auth }) {
        const local = readLocalGitConfig(config);
        if (!local) return;
        const store = new LocalGitStore(local.directory);

        httpRouter.use(createLocalGitRouter(store));
        // git clients and people following links carry no Backstage token.
        // What is here was generated from templates anyone may run.
        httpRouter.addAuthPolicy({ path: '/repos', allow: 'unauthenticated' });

        const taskStatus = scaffolderTaskStatus(discovery, auth);
        const settled = new Set<string>();
        await scheduler.scheduleTask({
          id: 'local-git-orphan-sweep',
          frequency: { seconds: 10 },
          timeout: { seconds: 60 },
          initialDelay: { seconds: 10 },
          scope: 'local',
          fn: async () => {
            await sweepOrphans(store, taskStatus, logger, { settled });
          },
        });
      },
    });
  },
});
