/*
 * DORA of the organisation, a team or a service: the four keys as tiles,
 * their trend, and the breakdown one level down.
 */
import { useLocaleFormat } from '@internal/lodestar-react';
import { DoraSummary } from '@internal/plugin-platform-kpis-common';
import { KpiState } from '../../hooks/useKpiSummaries';
import { windowLabel } from '../../lib/format';
import {
  DemoDataLabel,
  KpiSection,
  ScopeName,
  TierChip,
  Titled,
} from '../shared';
import { DoraBreakdownTable } from './DoraBreakdownTable';
import { DoraCharts } from './DoraCharts';
import { DoraTiles } from './DoraTiles';

export const NO_DEPLOYMENTS =
  'No production deployments in this window — send deployment events from CI, see docs/kpis.md';

export type DoraSectionProps = {
  state: KpiState<DoraSummary>;
  labels?: Map<string, string>;
  /** Shipped improvements, whose ship dates the charts mark. */
  shipped?: Array<{ title: string; shippedAt: string }>;
};

export const DoraSection = ({ state, labels, shipped }: DoraSectionProps) => {
  const format = useLocaleFormat();
  return (
    <KpiSection
      title="DORA"
      state={state}
      badges={dora => (
        <>
          <TierChip tier={dora.metrics.tier} label="Overall DORA tier" />
          {dora.demoData && <DemoDataLabel />}
        </>
      )}
      subtitle={dora =>
        dora ? (
          <>
            Delivery of <ScopeName scope={dora.scope} labels={labels} />,{' '}
            {windowLabel(dora.window.days, format)}. The overall tier is the
            weakest of the four keys.
          </>
        ) : (
          'Delivery performance: the four keys.'
        )
      }
      empty={dora =>
        dora.metrics.changeFailureRate.total === 0 &&
        dora.metrics.deploymentFrequency.deployments === 0
          ? NO_DEPLOYMENTS
          : null
      }
    >
      {dora => (
        <>
          <DoraTiles dora={dora} />
          <DoraCharts dora={dora} shipped={shipped} />
          {dora.scope.kind !== 'service' && (
            <Titled
              title={
                dora.scope.kind === 'organisation' ? 'By team' : 'By service'
              }
            >
              <DoraBreakdownTable dora={dora} labels={labels} />
            </Titled>
          )}
        </>
      )}
    </KpiSection>
  );
};
