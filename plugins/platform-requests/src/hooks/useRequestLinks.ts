/*
 * Where the plugin's pages are mounted. Undefined when a page is disabled in
 * app-config, so callers can leave the link out rather than link to nothing.
 */
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import {
  effortRouteRef,
  newRequestRouteRef,
  requestRouteRef,
  rootRouteRef,
  triageRouteRef,
} from '../routes';

export function useRequestLinks() {
  const list = useRouteRef(rootRouteRef);
  const newRequest = useRouteRef(newRequestRouteRef);
  const triage = useRouteRef(triageRouteRef);
  const request = useRouteRef(requestRouteRef);
  const effort = useRouteRef(effortRouteRef);
  const requestLink = useCallback(
    (key: string) => request?.({ key }),
    [request],
  );
  return {
    listLink: list?.(),
    newRequestLink: newRequest?.(),
    triageLink: triage?.(),
    effortLink: effort?.(),
    requestLink,
  };
}
