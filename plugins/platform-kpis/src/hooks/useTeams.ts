/*
 * The catalog's teams (Groups of spec.type team) for the team filter, and a
 * ref → display name map for tables and the breadcrumb.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

export type TeamOption = { ref: string; label: string };

function teamOption(entity: Entity): TeamOption {
  const profile = (entity.spec?.profile ?? {}) as { displayName?: string };
  return {
    ref: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    label: profile.displayName ?? entity.metadata.title ?? entity.metadata.name,
  };
}

export function useTeams() {
  const catalogApi = useApi(catalogApiRef);
  const state = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group', 'spec.type': 'team' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return items.map(teamOption).sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi]);
  const labels = useMemo(
    () => new Map((state.value ?? []).map(t => [t.ref, t.label])),
    [state.value],
  );
  return { teams: state.value, labels, error: state.error };
}
