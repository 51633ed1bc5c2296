/*
 * Teams by their catalog name ("Checkout Team"), not their ref, through the
 * catalog's entity presentation API: its name at once from what the portal
 * has seen, then the catalog's answer. Without the API (or before it
 * answers) a team reads as its short ref.
 */
import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  entityPresentationApiRef,
  entityPresentationSnapshot,
} from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

const CONTEXT = { defaultKind: 'group', defaultNamespace: 'default' };

/** The name of each team ref, by ref. */
export function useTeamNames(refs: string[]): Map<string, string> {
  const presentation = useApiHolder().get(entityPresentationApiRef);
  const key = [...new Set(refs)].sort().join('\n');
  const loaded = useAsync(async () => {
    const unique = key ? key.split('\n') : [];
    return new Map(
      await Promise.all(
        unique.map(async ref => {
          const snapshot = presentation
            ? await presentation
                .forEntity(ref, CONTEXT)
                .promise.catch(() => entityPresentationSnapshot(ref, CONTEXT))
            : entityPresentationSnapshot(ref, CONTEXT);
          return [ref, snapshot.primaryTitle] as const;
        }),
      ),
    );
  }, [presentation, key]);
  if (loaded.value) return loaded.value;
  return new Map(
    refs.map(ref => [
      ref,
      entityPresentationSnapshot(ref, CONTEXT, presentation).primaryTitle,
    ]),
  );
}
