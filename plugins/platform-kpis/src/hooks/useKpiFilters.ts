/*
 * The page's filters, read from and written to the URL. Choosing a team
 * leaves any service behind: the service belonged to the previous choice.
 */
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { useCallback, useMemo } from 'react';
import { filtersToParams, KpiFilters, parseFilters } from '../lib/filters';

export function useKpiFilters() {
  const [params, setParams] = useAppSearchParams();
  const paramsKey = params.toString();
  const filters = useMemo(
    () => parseFilters(new URLSearchParams(paramsKey)),
    [paramsKey],
  );
  const setFilters = useCallback(
    (patch: Partial<KpiFilters>) => {
      const next = { ...filters, ...patch };
      if ('team' in patch && !('service' in patch)) next.service = undefined;
      setParams(filtersToParams(next));
    },
    [filters, setParams],
  );
  return [filters, setFilters] as const;
}
