/*
 * Lodestar's permission policy, in code. The platform team is a catalog Group
 * named in config (`lodestar.platformTeam`). This first version guards the
 * destructive catalog actions; the request and KPI rules join it as those
 * plugins land (see docs/architecture.md).
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogEntityDeletePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

export class LodestarPermissionPolicy implements PermissionPolicy {
  constructor(private readonly platformTeamRef: string) {}

  private isPlatformTeam(user?: PolicyQueryUser): boolean {
    return (
      user?.info.ownershipEntityRefs.includes(this.platformTeamRef) ?? false
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, catalogLocationDeletePermission)) {
      return {
        result: this.isPlatformTeam(user)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (isPermission(request.permission, catalogEntityDeletePermission)) {
      if (this.isPlatformTeam(user)) return { result: AuthorizeResult.ALLOW };
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'lodestar-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        const platformTeam =
          config.getOptionalString('lodestar.platformTeam') ??
          'group:default/platform-team';
        policy.setPolicy(new LodestarPermissionPolicy(platformTeam));
      },
    });
  },
});
