/*
 * One hook per read endpoint: useApi + async state with a retry, reloaded
 * whenever the query changes. Each section of the page has its own, so one
 * failing endpoint does not take the others down.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  DoraKpiQuery,
  KpiQuery,
  PlatformKpisApi,
  platformKpisApiRef,
  RecentEventsQuery,
} from '../api';

export type KpiState<T> = {
  loading: boolean;
  error?: Error;
  value?: T;
  retry: () => void;
};

function useQuery<Q, T>(
  query: Q,
  load: (api: PlatformKpisApi, query: Q) => Promise<T>,
): KpiState<T> {
  const api = useApi(platformKpisApiRef);
  // Keyed by value, so a query object rebuilt on every render is no reload.
  const key = JSON.stringify(query);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsyncRetry(() => load(api, JSON.parse(key)), [api, key]);
}

export const useDora = (query: DoraKpiQuery) =>
  useQuery(query, (api, q) => api.getDora(q));

export const useFlow = (query: KpiQuery) =>
  useQuery(query, (api, q) => api.getFlow(q));

export const useAdoption = (query: KpiQuery) =>
  useQuery(query, (api, q) => api.getAdoption(q));

export const useCatalogHealth = (query: KpiQuery) =>
  useQuery(query, (api, q) => api.getCatalogHealth(q));

export const useRecentEvents = (query: RecentEventsQuery) =>
  useQuery(query, (api, q) => api.getRecentEvents(q));

/** Only for those who may see them (the platform team); nothing otherwise. */
export const useUnmatchedSources = (allowed: boolean) =>
  useQuery({ allowed }, async (api, q) =>
    q.allowed ? api.getUnmatchedSources() : { items: [] },
  );
