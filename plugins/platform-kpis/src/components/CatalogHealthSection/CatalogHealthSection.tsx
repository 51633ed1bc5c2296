/*
 * Catalog health: the shares of components with a valid owner, a system, a
 * lifecycle and (services) an API, orphans, their trend, per team, and the
 * components to fix.
 */
import { CatalogHealthSummary } from '@internal/plugin-platform-kpis-common';
import { KpiState } from '../../hooks/useKpiSummaries';
import { formatDateTime, formatShare, windowLabel } from '../../lib/format';
import { scopeLabel } from '../../lib/refs';
import { TrendLineChart } from '../charts';
import { KpiSection, Titled } from '../shared';
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
}: CatalogHealthSectionProps) => (
  <KpiSection
    title="Catalog health"
    state={state}
    subtitle={health =>
      health
        ? `Components of ${scopeLabel(health.scope, labels)}, ${windowLabel(
            health.window.days,
          )}.${
            health.takenAt
              ? ` Latest snapshot ${formatDateTime(health.takenAt)}.`
              : ''
          }`
        : 'Owners, systems, lifecycles and APIs of the components.'
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
          formatValue={v => formatShare(v)}
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
