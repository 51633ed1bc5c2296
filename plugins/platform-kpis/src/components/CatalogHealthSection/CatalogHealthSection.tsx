/*
 * Catalog health: the shares of components with a valid owner, a system, a
 * lifecycle and (services) an API, orphans, their trend, per team, and the
 * components to fix.
 */
import { useLocaleFormat } from '@internal/lodestar-react';
import { CatalogHealthSummary } from '@internal/plugin-platform-kpis-common';
import { KpiState } from '../../hooks/useKpiSummaries';
import { formatShare, windowLabel } from '../../lib/format';
import { TrendLineChart } from '../charts';
import { KpiSection, ScopeName, Titled } from '../shared';
import {
  CatalogGapsTable,
  CatalogHealthTeamTable,
} from './CatalogHealthTables';
import { CatalogHealthTiles } from './CatalogHealthTiles';
import { SHARES } from './shares';

export type CatalogHealthSectionProps = {
  state: KpiState<CatalogHealthSummary>;
  labels?: Map<string, string>;
};

export const CatalogHealthSection = ({
  state,
  labels,
}: CatalogHealthSectionProps) => {
  const format = useLocaleFormat();
  return (
    <KpiSection
      title="Catalog health"
      state={state}
      subtitle={health =>
        health ? (
          <>
            Components of <ScopeName scope={health.scope} labels={labels} />,{' '}
            {windowLabel(health.window.days, format)}.
            {health.takenAt &&
              ` Latest snapshot ${format.dateTime(health.takenAt)}.`}
          </>
        ) : (
          'Owners, systems, lifecycles and APIs of the components.'
        )
      }
      empty={health =>
        !health.takenAt
          ? 'No catalog snapshot yet; the catalog collector takes one every 10 minutes.'
          : null
      }
    >
      {health => (
        <>
          <CatalogHealthTiles health={health} />
          <TrendLineChart
            label="Catalog health shares over the window"
            data={health.series}
            series={SHARES.map(s => ({
              key: s.key,
              name: s.title,
              color: s.color,
            }))}
            formatValue={v => formatShare(v, format)}
            timeZone={health.window.tz}
          />
          <Titled title="Catalog health per team">
            <CatalogHealthTeamTable health={health} labels={labels} />
          </Titled>
          <Titled title="Gaps: components missing something">
            <CatalogGapsTable health={health} />
          </Titled>
        </>
      )}
    </KpiSection>
  );
};
