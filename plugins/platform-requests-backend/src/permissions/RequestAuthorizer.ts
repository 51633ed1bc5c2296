/*
 * The permission checks of the routes, in three shapes: a yes/no for basic
 * permissions, "may they?" without throwing (to tell the platform team from
 * requesters), and for resource permissions the conditional decision as an
 * SQL filter that the store puts into its query. A refusal says what was
 * refused and why.
 */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  BasicPermission,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { ConditionTransformer } from '@backstage/plugin-permission-node';
import { permissionRefused } from '@internal/plugin-platform-node';
import { RequestFilter } from './resource';

export class RequestAuthorizer {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly toFilter: ConditionTransformer<RequestFilter>,
  ) {}

  async allowed(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  async require(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    what: string,
  ): Promise<void> {
    if (!(await this.allowed(credentials, permission))) {
      throw permissionRefused(credentials, permission, what);
    }
  }

  /**
   * undefined when allowed outright; the filter rows must match when
   * allowed on conditions; throws when denied.
   */
  async filter(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
    what: string,
  ): Promise<PermissionCriteria<RequestFilter> | undefined> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return this.toFilter(decision.conditions);
    }
    throw permissionRefused(credentials, permission, what);
  }
}
