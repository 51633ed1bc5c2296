/*
 * A compact list of DORA keys for the entity cards, with the same loading,
 * error and "no deployments" states as the KPI page's tiles.
 */
import { Progress } from '@backstage/core-components';
import { Text } from '@backstage/ui';
import {
  DoraMetrics as Metrics,
  DoraSummary,
} from '@internal/plugin-platform-kpis-common';
import {
  ErrorAlert,
  LocaleFormat,
  useLocaleFormat,
} from '@internal/lodestar-react';
import { KpiState } from '../../hooks/useKpiSummaries';
import { formatDuration, formatPerDay, formatShare } from '../../lib/format';
import { MetricList, MetricListItem } from './MetricList';

type Key =
  | 'deploymentFrequency'
  | 'leadTime'
  | 'changeFailureRate'
  | 'timeToRestore';

const ITEMS: Record<Key, (m: Metrics, format: LocaleFormat) => MetricListItem> =
  {
    deploymentFrequency: (m, format) => ({
      label: 'Deployments',
      value: formatPerDay(m.deploymentFrequency.perDay, format),
    }),
    leadTime: (m, format) => ({
      label: 'Lead time',
      value: formatDuration(m.leadTime.medianSeconds, format),
    }),
    changeFailureRate: (m, format) => ({
      label: 'Change failure rate',
      value: formatShare(m.changeFailureRate.rate, format),
    }),
    timeToRestore: (m, format) => ({
      label: 'Time to restore',
      value: formatDuration(m.timeToRestore.medianSeconds, format),
    }),
  };

export const DoraMetrics = (props: {
  dora: KpiState<DoraSummary>;
  label: string;
  keys: Key[];
  /** Shown when the window has no production deployment. */
  empty: string;
}) => {
  const { dora } = props;
  const format = useLocaleFormat();
  const m = dora.value?.metrics;
  if (dora.error) {
    return (
      <ErrorAlert
        error={dora.error}
        title="DORA could not be loaded"
        onRetry={dora.retry}
      />
    );
  }
  if (!m) return <Progress />;
  if (m.changeFailureRate.total === 0) {
    return <Text color="secondary">{props.empty}</Text>;
  }
  return (
    <MetricList
      label={props.label}
      items={props.keys.map(k => ITEMS[k](m, format))}
    />
  );
};
