/*
 * The four DORA keys as tiles, each against the window before and with its
 * trend over the window.
 */
import { useLocaleFormat } from '@internal/lodestar-react';
import { DoraSummary } from '@internal/plugin-platform-kpis-common';
import {
  againstPrevious,
  formatCount,
  formatFixed,
  formatOf,
  formatPerDay,
} from '../../lib/format';
import { KpiTile, TileGrid } from '../KpiTile';

const NO_PREVIOUS = {
  deploymentFrequency: { perDay: null },
  leadTime: { medianSeconds: null },
  changeFailureRate: { rate: null },
  timeToRestore: { medianSeconds: null },
};

export const DoraTiles = ({ dora }: { dora: DoraSummary }) => {
  const { metrics: m, series } = dora;
  // Without include=previous there is nothing to compare against.
  const p = dora.previous ?? NO_PREVIOUS;
  const format = useLocaleFormat();
  const against = againstPrevious(dora.window.days, format);
  return (
    <TileGrid columns="4">
      <KpiTile
        kpi="deploymentFrequency"
        value={formatPerDay(m.deploymentFrequency.perDay, format)}
        detail={`${formatFixed(
          m.deploymentFrequency.deployDaysPerWeek,
          1,
          format,
        )} deploy days / week · ${formatCount(
          m.deploymentFrequency.deployments,
          format,
        )} deployments`}
        current={m.deploymentFrequency.perDay}
        previous={p.deploymentFrequency.perDay}
        against={against}
        series={series.map(s => s.deployments)}
        tier={m.deploymentFrequency.tier}
      />
      <KpiTile
        kpi="leadTime"
        detail={`median of ${formatCount(
          m.leadTime.measured,
          format,
        )} deployments`}
        current={m.leadTime.medianSeconds}
        previous={p.leadTime.medianSeconds}
        against={against}
        series={series.map(s => s.medianLeadTimeSeconds)}
        tier={m.leadTime.tier}
      />
      <KpiTile
        kpi="changeFailureRate"
        detail={`${formatOf(
          m.changeFailureRate.failures,
          m.changeFailureRate.total,
          format,
        )} deployments`}
        current={m.changeFailureRate.rate}
        previous={p.changeFailureRate.rate}
        against={against}
        series={series.map(s => s.changeFailureRate)}
        tier={m.changeFailureRate.tier}
      />
      <KpiTile
        kpi="timeToRestore"
        detail={`${formatCount(
          m.timeToRestore.resolved,
          format,
        )} resolved · ${formatCount(m.timeToRestore.open, format)} open`}
        current={m.timeToRestore.medianSeconds}
        previous={p.timeToRestore.medianSeconds}
        against={against}
        series={series.map(s => s.medianTimeToRestoreSeconds)}
        tier={m.timeToRestore.tier}
      />
    </TileGrid>
  );
};
