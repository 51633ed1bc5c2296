/*
 * DORA over the window: lead time and time to restore per bucket (hours),
 * and deployments against failed ones per bucket.
 */
import { Grid, Text } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import { DoraSummary } from '@internal/plugin-platform-kpis-common';
import { formatHours } from '../../lib/format';
import { shipMarkers } from '../../lib/impact';
import { BucketBarChart, CHART_COLORS, TrendLineChart } from '../charts';

const toHours = (seconds: number | null) =>
  seconds === null ? null : Math.round((seconds / 3600) * 10) / 10;

export const DoraCharts = ({
  dora,
  shipped = [],
}: {
  dora: DoraSummary;
  /** Shipped improvements, whose ship dates the charts mark. */
  shipped?: Array<{ title: string; shippedAt: string }>;
}) => {
  const format = useLocaleFormat();
  const markers = shipMarkers(
    dora.series.map(s => s.start),
    dora.window,
    shipped,
  );
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
          markers={markers}
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
          markers={markers}
        />
      </Grid.Item>
      {markers.length > 0 && (
        <Grid.Item colSpan={{ initial: '1', md: '2' }}>
          <Text variant="body-small" color="secondary">
            Dashed lines: ship dates of{' '}
            {markers
              .map(
                m =>
                  `${m.label} (${format.dayMonth(
                    m.shippedAt,
                    dora.window.tz,
                  )})`,
              )
              .join(', ')}
            .
          </Text>
        </Grid.Item>
      )}
    </Grid.Root>
  );
};
