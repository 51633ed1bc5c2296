/*
 * Where the improvement pages are mounted; undefined when a page is
 * disabled in app-config, so callers leave the link out.
 */
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import {
  improvementRouteRef,
  improvementsRouteRef,
  newImprovementRouteRef,
} from '../routes';

export function useImprovementLinks() {
  const list = useRouteRef(improvementsRouteRef);
  const create = useRouteRef(newImprovementRouteRef);
  const one = useRouteRef(improvementRouteRef);
  const improvementLink = useCallback((id: string) => one?.({ id }), [one]);
  return {
    improvementsLink: list?.(),
    newImprovementLink: create?.(),
    improvementLink,
  };
}
