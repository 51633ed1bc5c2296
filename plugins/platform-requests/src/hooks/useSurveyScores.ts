/*
 * The survey questions an improvement can target, and their labels by KPI
 * id ("survey title — question") for showing a chosen one.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { improvementsApiRef } from '../api';

export function useSurveyScores() {
  const api = useApi(improvementsApiRef);
  const state = useAsync(() => api.listSurveyScores(), [api]);
  const labels = new Map((state.value ?? []).map(o => [o.kpi, o.label]));
  return { ...state, labels };
}
