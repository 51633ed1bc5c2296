/*
 * The catalog look-ups the forms need: every Group (requesting team), the
 * members of the platform team (assignees), and the signed-in user's own
 * team (the default requesting team).
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

export type EntityOption = { ref: string; label: string };

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
];

export function entityOption(entity: Entity): EntityOption {
  const profile = (entity.spec?.profile ?? {}) as { displayName?: string };
  return {
    ref: stringifyEntityRef(entity),
    label: profile.displayName ?? entity.metadata.title ?? entity.metadata.name,
  };
}

const byLabel = (a: EntityOption, b: EntityOption) =>
  a.label.localeCompare(b.label);

export function useGroups() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: FIELDS,
    });
    return items.map(entityOption).sort(byLabel);
  }, [catalogApi]);
}

/** Users who are members of `groupRef`; empty while the ref is unknown. */
export function useGroupMembers(groupRef: string | undefined) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    if (!groupRef) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'User', 'relations.memberOf': groupRef },
      fields: FIELDS,
    });
    return items.map(entityOption).sort(byLabel);
  }, [catalogApi, groupRef]);
}

/**
 * The signed-in user's entity ref and the Groups they belong to: from the
 * identity's ownership refs, or from the catalog's memberOf relations when
 * the sign-in resolver put no group there.
 */
export function useCurrentUser() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    let groupRefs = identity.ownershipEntityRefs.filter(ref =>
      ref.toLocaleLowerCase('en-US').startsWith('group:'),
    );
    if (groupRefs.length === 0) {
      const { items } = await catalogApi.getEntities({
        filter: {
          kind: 'Group',
          'relations.hasMember': identity.userEntityRef,
        },
        fields: FIELDS,
      });
      groupRefs = items.map(stringifyEntityRef);
    }
    return { userRef: identity.userEntityRef, groupRefs };
  }, [identityApi, catalogApi]);
}
