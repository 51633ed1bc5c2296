/*
 * The permissions of improvements. Lodestar's policy decides them: everyone
 * signed in (and services) reads; the platform team creates, edits, moves
 * and ships.
 */
import { createPermission } from '@backstage/plugin-permission-common';

export const improvementReadPermission = createPermission({
  name: 'platform-requests.improvement.read',
  attributes: { action: 'read' },
});

export const improvementCreatePermission = createPermission({
  name: 'platform-requests.improvement.create',
  attributes: { action: 'create' },
});

/** Edit the fields, plan, start and drop. */
export const improvementUpdatePermission = createPermission({
  name: 'platform-requests.improvement.update',
  attributes: { action: 'update' },
});

/** Ship: resolves the linked requests too. */
export const improvementShipPermission = createPermission({
  name: 'platform-requests.improvement.ship',
  attributes: { action: 'update' },
});

export const improvementPermissions = [
  improvementReadPermission,
  improvementCreatePermission,
  improvementUpdatePermission,
  improvementShipPermission,
];
