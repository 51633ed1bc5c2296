import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Registering (importing) a catalog location that holds User, Group or
 * Template entities. Lodestar's policy gives it to the platform team only.
 */
export const catalogImportPlatformKindsPermission = createPermission({
  name: 'lodestar.catalog.import.platform-kinds',
  attributes: { action: 'create' },
});

/** The kinds only the platform team may bring in through an import. */
export const platformKinds = ['user', 'group', 'template'];

export const isPlatformKind = (kind: string) =>
  platformKinds.includes(kind.toLocaleLowerCase('en-US'));
