/*
 * DORA over the window: lead time and time to restore per bucket (hours),
 * and deployments against failed ones per bucket.
 */
import { Grid } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import { DoraSummary } from '@internal/plugin-platform-kpis-common';
import { formatHours } from '../../lib/format';
import { BucketBarChart, CHART_COLORS, TrendLineChart } from '../charts';

const toHours = (seconds: number | null) =>
  seconds === null ? null : Math.round((seconds / 3600) * 10) / 10;

export const DoraCharts = ({ dora }: { dora: DoraSummary }) => {
  const format = useLocaleFormat();
  const durations = dora.series.map(s => ({
    start: s.start,
    leadTime: toHours(s.medianLeadTimeSeconds),
    timeToRestore: toHours(s.medianTimeToRestoreSeconds),
  }));
  const deployments = dora.series.map(s => ({
    start: s.start,
    succeeded: s.deployments,
    failures: s.failures,
  }));
  return (
    <Grid.Root columns={{ initial: '1', md: '2' }} gap="3">
      <Grid.Item>
        <TrendLineChart
          label={`Lead time and time to restore per ${dora.window.bucket}`}
          data={durations}
          series={[
            { key: 'leadTime', name: 'Lead time', color: CHART_COLORS.blue },
            {
              key: 'timeToRestore',
              name: 'Time to restore',
              color: CHART_COLORS.red,
            },
          ]}
          formatValue={v => formatHours(v, format)}
          timeZone={dora.window.tz}
        />
      </Grid.Item>
      <Grid.Item>
        <BucketBarChart
          label={`Deployments and failures per ${dora.window.bucket}`}
          data={deployments}
          bars={[
            {
              key: 'succeeded',
              name: 'Successful deployments',
              color: CHART_COLORS.green,
            },
            {
              key: 'failures',
              name: 'Failed or caused an incident',
              color: CHART_COLORS.red,
            },
          ]}
          timeZone={dora.window.tz}
        />
      </Grid.Item>
    </Grid.Root>
  );
};
