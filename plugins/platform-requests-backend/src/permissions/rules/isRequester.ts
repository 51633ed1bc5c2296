/*
 * IS_REQUESTER: the user filed the request. The policy uses it for the
 * requester's own edits, ratings and reopenings; `toQuery` lets the plugin
 * put it straight into the UPDATE's WHERE clause.
 */
import { createPermissionRule } from '@backstage/plugin-permission-node';
import { IS_REQUESTER_RULE } from '@internal/plugin-platform-requests-common';
import { z } from 'zod';
import { platformRequestResourceRef } from '../resource';

export const isRequester = createPermissionRule({
  name: IS_REQUESTER_RULE,
  description: 'Allow the user who filed the request',
  resourceRef: platformRequestResourceRef,
  paramsSchema: z.object({
    userEntityRef: z.string().describe('User entity ref of the current user'),
  }),
  apply: (resource, { userEntityRef }) => resource.requester === userEntityRef,
  toQuery: ({ userEntityRef }) => ({
    column: 'requester',
    values: [userEntityRef],
  }),
});
