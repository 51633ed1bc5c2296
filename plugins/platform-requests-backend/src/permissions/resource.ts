/*
 * The `platform-request` resource as the permission framework sees it: what a
 * rule checks in memory (a loaded request) and what it becomes in SQL (a
 * filter on an allow-listed column of the requests table).
 */
import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { PLATFORM_REQUEST_RESOURCE_TYPE } from '@internal/plugin-platform-requests-common';

/** The fields conditional rules may look at. */
export type RequestResource = {
  key: string;
  requester: string;
  status: string;
};

/** A condition in SQL: `column IN (values)`. Only these columns exist. */
export type RequestFilter = {
  column: 'requester';
  values: string[];
};

export const platformRequestResourceRef = createPermissionResourceRef<
  RequestResource,
  RequestFilter
>().with({
  pluginId: 'platform-requests',
  resourceType: PLATFORM_REQUEST_RESOURCE_TYPE,
});
