/*
 * The plugins' HTTP router (coreServices.httpRouter), as Backstage's default
 * builds it, plus two steps: a database that is down or out of connections
 * answers 503 instead of 500, and a refusal (403) without a message gets
 * the reason from Lodestar's policy (refusalReasons.ts).
 *
 * That step has to be here, not only in the root router: each plugin's
 * router ends in its own error middleware (backend-defaults
 * httpRouterServiceFactory: `router.use(middleware.error())`), so a plugin's
 * errors are answered before they reach the root. The rest mirrors the
 * default of @backstage/backend-defaults 0.19 with its public building
 * blocks; compare with it when upgrading Backstage.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createAuthIntegrationRouter,
  createCookieAuthRefreshMiddleware,
  createCredentialsBarrier,
  createLifecycleMiddleware,
  createRateLimitMiddleware,
  createWebSocketRouter,
} from '@backstage/backend-defaults/httpRouter';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import Router from 'express-promise-router';
import { databaseUnavailableMiddleware } from './databaseUnavailableMiddleware';
import { refusalReasonMiddleware } from './refusalReasons';

export const httpRouterServiceFactory = createServiceFactory({
  service: coreServices.httpRouter,
  initialization: 'always',
  deps: {
    plugin: coreServices.pluginMetadata,
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    rootHttpRouter: coreServices.rootHttpRouter,
    auth: coreServices.auth,
    httpAuth: coreServices.httpAuth,
    logger: coreServices.logger,
  },
  async factory({
    auth,
    httpAuth,
    config,
    plugin,
    rootHttpRouter,
    lifecycle,
    logger,
  }) {
    const router = Router();
    router.use(createRateLimitMiddleware({ pluginId: plugin.getId(), config }));
    rootHttpRouter.use(`/api/${plugin.getId()}`, router);

    const credentialsBarrier = createCredentialsBarrier({ httpAuth, config });
    router.use(createAuthIntegrationRouter({ auth }));
    router.use(createLifecycleMiddleware({ config, lifecycle }));
    router.use(credentialsBarrier.middleware);
    router.use(createCookieAuthRefreshMiddleware({ auth, httpAuth }));

    const pluginRoutes = Router();
    router.use(pluginRoutes);
    // The additions to the default: before the plugin's error middleware.
    router.use(
      databaseUnavailableMiddleware(logger, {
        networked: config.getOptionalString('backend.database.client') === 'pg',
      }),
    );
    // Backstage's plugins refuse with an empty message; Lodestar says why.
    router.use(refusalReasonMiddleware(plugin.getId()));
    router.use(MiddlewareFactory.create({ config, logger }).error());

    return {
      use(handler) {
        pluginRoutes.use(handler);
      },
      addWebSocketHandler: createWebSocketRouter({
        auth,
        config,
        lifecycle,
        logger,
        pluginId: plugin.getId(),
        rootHttpRouter,
      }),
      addAuthPolicy(policy) {
        credentialsBarrier.addAuthPolicy(policy);
      },
    };
  },
});
