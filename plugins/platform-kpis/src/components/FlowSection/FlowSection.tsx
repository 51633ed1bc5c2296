/*
 * The intake flow of the platform team: requests filed by the organisation
 * or one requesting team, how they move, SLA compliance and what they are
 * about.
 */
import { Link } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import { FlowSummary } from '@internal/plugin-platform-kpis-common';
import { useKpiLinks } from '../../hooks/useKpiLinks';
import { KpiState } from '../../hooks/useKpiSummaries';
import { windowLabel } from '../../lib/format';
import { KpiSection, ScopeName, Titled } from '../shared';
import { FlowCharts } from './FlowCharts';
import { FlowTiles } from './FlowTiles';
import { SlaTable } from './SlaTable';
import { TopCategories } from './TopCategories';

export type FlowSectionProps = {
  state: KpiState<FlowSummary>;
  labels?: Map<string, string>;
};

export const FlowSection = ({ state, labels }: FlowSectionProps) => {
  const format = useLocaleFormat();
  const { effortLink } = useKpiLinks();
  return (
    <KpiSection
      title="Intake flow"
      state={state}
      subtitle={flow =>
        flow ? (
          <>
            Requests to the platform team filed by{' '}
            <ScopeName scope={flow.scope} labels={labels} />,{' '}
            {windowLabel(flow.window.days, format)}.
            {flow.collectedAt &&
              ` Updated ${format.dateTime(flow.collectedAt)}.`}
            {effortLink && (
              <>
                {' '}
                <Link href={effortLink}>
                  Where the platform team’s effort goes
                </Link>
              </>
            )}
          </>
        ) : (
          'Requests to the platform team.'
        )
      }
      empty={flow => {
        if (!flow.collectedAt) {
          return 'The request collector has not run yet; the numbers appear within five minutes of the backend starting.';
        }
        return flow.metrics.created === 0 &&
          flow.metrics.closed === 0 &&
          flow.backlog.open === 0
          ? 'No requests filed, closed or open in this window.'
          : null;
      }}
    >
      {flow => (
        <>
          <FlowTiles flow={flow} />
          <FlowCharts flow={flow} />
          <Titled title="SLA compliance per urgency">
            <SlaTable sla={flow.sla} />
          </Titled>
          <TopCategories categories={flow.topCategories} />
        </>
      )}
    </KpiSection>
  );
};
