import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createPublishLodestarAction } from './actions/publishLodestar';
import { createPublishTargetAction } from './actions/publishTarget';
import { registerGoldenPathAction } from './goldenPaths/goldenPathAction';
import { readPublishConfig } from './publishConfig';

/**
 * Adds publish:lodestar and publish:lodestar:target to the scaffolder, and
 * find-golden-path (which template fits a need) to the scaffolder's actions
 * for AI assistants.
 */
export const scaffolderModuleLodestar = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'lodestar',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        scaffolder,
        config,
        catalog,
        discovery,
        auth,
        actionsRegistry,
      }) {
        // Throws on a configuration that cannot publish, so the portal does
        // not start rather than fail in the middle of a template run.
        const publish = readPublishConfig(config);
        scaffolder.addActions(
          createPublishLodestarAction({
            config,
            publish,
            catalog,
            discovery,
            auth,
          }),
          createPublishTargetAction({ publish }),
        );
        registerGoldenPathAction(actionsRegistry, {
          catalog,
          appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
        });
      },
    });
  },
});
