/*
 * Filed against closed per bucket (is the platform team keeping up?), and
 * the open backlog by age.
 */
import { Grid, Text } from '@backstage/ui';
import { FlowSummary } from '@internal/plugin-platform-kpis-common';
import { BucketBarChart, CategoryBarChart, CHART_COLORS } from '../charts';
import { Titled } from '../shared';

export const FlowCharts = ({ flow }: { flow: FlowSummary }) => (
  <Grid.Root columns={{ initial: '1', md: '2' }} gap="3">
    <Grid.Item>
      <Titled title="Created vs closed">
        <BucketBarChart
          label={`Requests created and closed per ${flow.window.bucket}`}
          data={flow.series}
          bars={[
            { key: 'created', name: 'Created', color: CHART_COLORS.blue },
            { key: 'closed', name: 'Closed', color: CHART_COLORS.green },
          ]}
          timeZone={flow.window.tz}
        />
      </Titled>
    </Grid.Item>
    <Grid.Item>
      <Titled title="Open backlog by age">
        {flow.backlog.ages.length ? (
          <CategoryBarChart
            label="Open requests by age"
            data={flow.backlog.ages}
          />
        ) : (
          <Text color="secondary">Nothing open.</Text>
        )}
      </Titled>
    </Grid.Item>
  </Grid.Root>
);
