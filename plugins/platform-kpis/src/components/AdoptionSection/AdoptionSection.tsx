/*
 * Golden-path adoption: template runs, hours saved, and how much of the
 * catalog started from a template, per team and per template; and how people
 * rated their runs, per template.
 */
import { Grid } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import { AdoptionSummary } from '@internal/plugin-platform-kpis-common';
import { KpiState } from '../../hooks/useKpiSummaries';
import { windowLabel } from '../../lib/format';
import { BucketBarChart, CHART_COLORS } from '../charts';
import { KpiSection, ScopeName, Titled } from '../shared';
import { AdoptionRatings } from './AdoptionRatings';
import { AdoptionTeamTable, AdoptionTemplateTable } from './AdoptionTables';
import { AdoptionTiles } from './AdoptionTiles';

export type AdoptionSectionProps = {
  state: KpiState<AdoptionSummary>;
  labels?: Map<string, string>;
};

export const AdoptionSection = ({ state, labels }: AdoptionSectionProps) => {
  const format = useLocaleFormat();
  return (
    <KpiSection
      title="Golden-path adoption"
      state={state}
      subtitle={adoption =>
        adoption ? (
          <>
            Template runs and components of{' '}
            <ScopeName scope={adoption.scope} labels={labels} />,{' '}
            {windowLabel(adoption.window.days, format)}.
          </>
        ) : (
          'Template runs and components from templates.'
        )
      }
      empty={adoption =>
        !adoption.collectedAt
          ? 'The template-run collector has not run yet; the numbers appear within five minutes of the backend starting.'
          : null
      }
    >
      {adoption => (
        <>
          <AdoptionTiles adoption={adoption} />
          <BucketBarChart
            label={`Template runs per ${adoption.window.bucket}`}
            data={adoption.series}
            bars={[
              {
                key: 'succeeded',
                name: 'Succeeded',
                color: CHART_COLORS.green,
                stack: 'runs',
              },
              {
                key: 'failed',
                name: 'Failed',
                color: CHART_COLORS.red,
                stack: 'runs',
              },
            ]}
            timeZone={adoption.window.tz}
          />
          <Grid.Root columns={{ initial: '1', md: '2' }} gap="3">
            <Grid.Item>
              <Titled title="Components from templates per team">
                <AdoptionTeamTable adoption={adoption} labels={labels} />
              </Titled>
            </Grid.Item>
            <Grid.Item>
              <Titled title="Runs per template">
                <AdoptionTemplateTable adoption={adoption} />
              </Titled>
            </Grid.Item>
          </Grid.Root>
          <Titled title="Ratings after runs (all time, whole organisation)">
            <AdoptionRatings ratings={adoption.ratings} />
          </Titled>
        </>
      )}
    </KpiSection>
  );
};
