/*
 * The four DORA keys as tiles, each against the window before and with its
 * trend over the window.
 */
import { DoraSummary } from '@internal/plugin-platform-kpis-common';
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
  const against = `vs previous ${dora.window.days} days`;
  return (
    <TileGrid columns="4">
      <KpiTile
        kpi="deploymentFrequency"
        value={`${m.deploymentFrequency.perDay.toFixed(2)} / day`}
        detail={`${m.deploymentFrequency.deployDaysPerWeek.toFixed(
          1,
        )} deploy days / week · ${
          m.deploymentFrequency.deployments
        } deployments`}
        current={m.deploymentFrequency.perDay}
        previous={p.deploymentFrequency.perDay}
        against={against}
        series={series.map(s => s.deployments)}
        tier={m.deploymentFrequency.tier}
      />
      <KpiTile
        kpi="leadTime"
        detail={`median of ${m.leadTime.measured} deployments`}
        current={m.leadTime.medianSeconds}
        previous={p.leadTime.medianSeconds}
        against={against}
        series={series.map(s => s.medianLeadTimeSeconds)}
        tier={m.leadTime.tier}
      />
      <KpiTile
        kpi="changeFailureRate"
        detail={`${m.changeFailureRate.failures} of ${m.changeFailureRate.total} deployments`}
        current={m.changeFailureRate.rate}
        previous={p.changeFailureRate.rate}
        against={against}
        series={series.map(s => s.changeFailureRate)}
        tier={m.changeFailureRate.tier}
      />
      <KpiTile
        kpi="timeToRestore"
        detail={`${m.timeToRestore.resolved} resolved · ${m.timeToRestore.open} open`}
        current={m.timeToRestore.medianSeconds}
        previous={p.timeToRestore.medianSeconds}
        against={against}
        series={series.map(s => s.medianTimeToRestoreSeconds)}
        tier={m.timeToRestore.tier}
      />
    </TileGrid>
  );
};
