/*
 * The permissions of platform requests. Lodestar's policy
 * (plugins/permission-backend-module-lodestar-policy) decides them:
 * everyone signed in creates, reads, votes and comments; the requester edits
 * while new, rates when done and reopens within the window (a conditional
 * "is the requester" rule, applied in SQL); the platform team triages.
 */
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  createPermission,
  PermissionCondition,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

export const PLATFORM_REQUEST_RESOURCE_TYPE = 'platform-request';

export const platformRequestCreatePermission = createPermission({
  name: 'platform-requests.request.create',
  attributes: { action: 'create' },
});

export const platformRequestReadPermission = createPermission({
  name: 'platform-requests.request.read',
  attributes: { action: 'read' },
});

export const platformRequestVotePermission = createPermission({
  name: 'platform-requests.request.vote',
  attributes: { action: 'update' },
});

export const platformRequestCommentPermission = createPermission({
  name: 'platform-requests.request.comment',
  attributes: { action: 'update' },
});

/** Edit title, description and the other requester fields. */
export const platformRequestEditPermission = createPermission({
  name: 'platform-requests.request.edit',
  attributes: { action: 'update' },
  resourceType: PLATFORM_REQUEST_RESOURCE_TYPE,
});

/** Rate a done request, reopen a done or declined one. */
export const platformRequestRequesterActionPermission = createPermission({
  name: 'platform-requests.request.requester-action',
  attributes: { action: 'update' },
  resourceType: PLATFORM_REQUEST_RESOURCE_TYPE,
});

/** Status changes, assignee, duplicate-of, decline: the platform team. */
export const platformRequestTriagePermission = createPermission({
  name: 'platform-requests.request.triage',
  attributes: { action: 'update' },
});

export const platformRequestPermissions = [
  platformRequestCreatePermission,
  platformRequestReadPermission,
  platformRequestVotePermission,
  platformRequestCommentPermission,
  platformRequestEditPermission,
  platformRequestRequesterActionPermission,
  platformRequestTriagePermission,
];

/** The conditional rule the policy uses for the requester's own requests. */
export const IS_REQUESTER_RULE = 'IS_REQUESTER';

/**
 * The conditions a policy puts on platform-request permissions, e.g.
 * `createPlatformRequestConditionalDecision(permission,
 * platformRequestConditions.isRequester({ userEntityRef }))`. Plain data, so
 * that a policy needs no import of the backend; the backend's rules of the
 * same names apply them (in SQL), and its tests check that both agree.
 */
export const platformRequestConditions = {
  isRequester: (params: {
    userEntityRef: string;
  }): PermissionCondition<
    typeof PLATFORM_REQUEST_RESOURCE_TYPE,
    { userEntityRef: string }
  > => ({
    rule: IS_REQUESTER_RULE,
    resourceType: PLATFORM_REQUEST_RESOURCE_TYPE,
    params,
  }),
};

/** A decision that allows when `conditions` hold, for the backend to apply. */
export function createPlatformRequestConditionalDecision(
  _permission: ResourcePermission<typeof PLATFORM_REQUEST_RESOURCE_TYPE>,
  conditions: PermissionCriteria<
    PermissionCondition<typeof PLATFORM_REQUEST_RESOURCE_TYPE>
  >,
): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'platform-requests',
    resourceType: PLATFORM_REQUEST_RESOURCE_TYPE,
    conditions,
  };
}
