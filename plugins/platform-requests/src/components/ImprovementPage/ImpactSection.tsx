/*
 * The measured effect of a shipped improvement: for each target KPI, the
 * scope's value in the 30 days before the ship date against the 30 after,
 * beside everyone else's, with the verdict the KPI backend reached. Survey
 * scores are asked over 90 days: a quarterly survey closes no round in most
 * 30-day windows. When
 * that backend has no impact endpoint (404) or fails, it says so instead.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { Text } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import {
  ImpactSample,
  impactWindowDaysFor,
  KpiImpact,
} from '@internal/plugin-platform-kpis-common';
import { Improvement } from '@internal/plugin-platform-requests-common';
import useAsync from 'react-use/esm/useAsync';
import { improvementsApiRef } from '../../api';
import { kpiTitle } from '../../lib/improvements';

const VERDICTS: Record<KpiImpact['verdict'], string> = {
  improved: 'Improved',
  worse: 'Worse',
  noClearChange: 'No clear change',
  notEnoughData: 'Not enough data',
};

export const ImpactSection = ({
  improvement,
}: {
  improvement: Improvement;
}) => {
  const api = useApi(improvementsApiRef);
  const format = useLocaleFormat();
  const { shippedAt, targetKpis, scope } = improvement;
  const impact = useAsync(async () => {
    if (!shippedAt) return [];
    return Promise.all(
      targetKpis.map(kpi =>
        api.getImpact({
          shippedAt,
          windowDays: impactWindowDaysFor(kpi),
          kpi,
          teams: scope.teams,
          entities: scope.entities,
        }),
      ),
    );
  }, [api, shippedAt, targetKpis, scope]);

  if (!shippedAt) return <Text>Impact is measured once it has shipped.</Text>;
  if (targetKpis.length === 0) return <Text>No target KPIs were chosen.</Text>;
  if (impact.loading) return <Text>Measuring…</Text>;
  const results = impact.value ?? [];
  if (impact.error || results.some(r => !r)) {
    return (
      <Text role="status">
        Impact not available: the KPI backend did not answer with the measured
        effect{impact.error ? ` (${impact.error.message})` : ''}.
      </Text>
    );
  }
  const sample = (s: ImpactSample) =>
    s.value === null
      ? `no value (n = ${format.number(s.n)})`
      : `${format.number(s.value, {
          maxFractionDigits: 2,
        })} (n = ${format.number(s.n)})`;
  const rows = results.flatMap(r =>
    r!.kpis.map(k => ({ ...k, windowDays: r!.windowDays })),
  );
  return (
    <table aria-label="Impact">
      <thead>
        <tr>
          <th align="left">KPI</th>
          <th align="left">Scope: before → after</th>
          <th align="left">Everyone else</th>
          <th align="left">Verdict</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(k => (
          <tr key={k.kpi}>
            <td>
              {k.title || kpiTitle(k.kpi)} ({k.windowDays} days)
            </td>
            <td>
              {sample(k.scope.before)} → {sample(k.scope.after)}
            </td>
            <td>
              {k.rest
                ? `${sample(k.rest.before)} → ${sample(k.rest.after)}`
                : 'everyone is in scope'}
            </td>
            <td title={k.reason}>
              {VERDICTS[k.verdict]}
              {results.some(r => !r!.afterWindowComplete)
                ? ' (after window still open)'
                : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};
