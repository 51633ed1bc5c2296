/*
 * The permission backend's module that installs Lodestar's policy, for the
 * platform team named in config (`lodestar.platformTeam`).
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { DEFAULT_PLATFORM_TEAM } from '@internal/plugin-platform-requests-common';
import { LodestarPermissionPolicy } from './LodestarPermissionPolicy';

export const permissionModuleLodestarPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'lodestar-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        const platformTeam =
          config.getOptionalString('lodestar.platformTeam') ??
          DEFAULT_PLATFORM_TEAM;
        policy.setPolicy(new LodestarPermissionPolicy(platformTeam));
      },
    });
  },
});
