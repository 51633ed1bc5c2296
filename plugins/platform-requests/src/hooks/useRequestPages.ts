/*
 * GET /requests page by page: the first page whenever the query changes,
 * further pages appended by loadMore() through the server's cursor.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { PlatformRequest } from '@internal/plugin-platform-requests-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { platformRequestsApiRef, RequestListQuery } from '../api';

type State = {
  items: PlatformRequest[];
  nextCursor: string | null;
  /** Matches over all pages, as the server counted them on the last page read. */
  total: number;
  loading: boolean;
  error?: unknown;
};

/** A change of `refreshToken` reloads from the first page. */
export function useRequestPages(query: RequestListQuery, refreshToken = 0) {
  const api = useApi(platformRequestsApiRef);
  const [state, setState] = useState<State>({
    items: [],
    nextCursor: null,
    total: 0,
    loading: true,
  });
  const [reloads, setReloads] = useState(0);
  // Answers to an older query are dropped; only the latest one is shown.
  const generation = useRef(0);
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    const current = ++generation.current;
    setState(s => ({ ...s, loading: true, error: undefined }));
    api.listRequests(JSON.parse(queryKey)).then(
      page => {
        if (current !== generation.current) return;
        setState({
          items: page.items,
          nextCursor: page.nextCursor,
          total: page.total,
          loading: false,
        });
      },
      error => {
        if (current !== generation.current) return;
        setState({
          items: [],
          nextCursor: null,
          total: 0,
          loading: false,
          error,
        });
      },
    );
  }, [api, queryKey, reloads, refreshToken]);

  const loadMore = useCallback(async () => {
    if (!state.nextCursor) return;
    const current = generation.current;
    setState(s => ({ ...s, loading: true, error: undefined }));
    try {
      const page = await api.listRequests({
        ...JSON.parse(queryKey),
        cursor: state.nextCursor,
      });
      if (current !== generation.current) return;
      setState(s => ({
        items: [...s.items, ...page.items],
        nextCursor: page.nextCursor,
        total: page.total,
        loading: false,
      }));
    } catch (error) {
      if (current !== generation.current) return;
      setState(s => ({ ...s, loading: false, error }));
    }
  }, [api, queryKey, state.nextCursor]);

  const reload = useCallback(() => setReloads(n => n + 1), []);

  return { ...state, loadMore, reload };
}
