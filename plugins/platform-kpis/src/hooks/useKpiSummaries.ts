/*
 * One hook per read endpoint: useApi + async state with a retry, reloaded
 * whenever the query changes. Each section of the page has its own, so one
 * failing endpoint does not take the others down.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  ImpactResult,
  ImpactWindowDays,
  impactWindowDaysFor,
  isImpactKpiId,
} from '@internal/plugin-platform-kpis-common';
import {
  DoraKpiQuery,
  KpiQuery,
  PlatformKpisApi,
  platformKpisApiRef,
  RecentEventsQuery,
  ShippedImprovement,
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

/** A shipped improvement and its measured effect (or why it has none). */
export type ImprovementImpact = {
  improvement: ShippedImprovement;
  impact?: ImpactResult;
  error?: Error;
};

/**
 * The shipped improvements with the impact of each over `windowDays` (90
 * days for survey scores, asked apart and merged in); an improvement whose
 * impact fails keeps its place with the error.
 */
export const useShippedImprovements = (windowDays: ImpactWindowDays = 30) =>
  useQuery({ windowDays }, async (api, q): Promise<ImprovementImpact[]> => {
    const improvements = await api.getShippedImprovements();
    return Promise.all(
      improvements.map(async improvement => {
        const kpis = improvement.targetKpis.filter(isImpactKpiId);
        if (kpis.length === 0) return { improvement };
        const byWindow = new Map<ImpactWindowDays, string[]>();
        for (const kpi of kpis) {
          const days = impactWindowDaysFor(kpi, q.windowDays);
          byWindow.set(days, [...(byWindow.get(days) ?? []), kpi]);
        }
        try {
          const results = await Promise.all(
            [...byWindow].map(([days, group]) =>
              api.getImpact({
                shippedAt: improvement.shippedAt,
                windowDays: days,
                kpis: group,
                teams: improvement.scope.teams,
                entities: improvement.scope.entities,
              }),
            ),
          );
          const impact: ImpactResult = {
            ...results[0],
            afterWindowComplete: results.every(r => r.afterWindowComplete),
            kpis: results.flatMap(r => r.kpis),
          };
          return { improvement, impact };
        } catch (error) {
          return { improvement, error: error as Error };
        }
      }),
    );
  });
