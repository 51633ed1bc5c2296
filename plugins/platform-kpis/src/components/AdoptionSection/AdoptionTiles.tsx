/*
 * Golden-path use at a glance: template runs and how many succeed, the
 * hours they saved, and the share of components that started from one.
 */
import { AdoptionSummary } from '@internal/plugin-platform-kpis-common';
import { formatShare } from '../../lib/format';
import { KpiTile, TileGrid } from '../KpiTile';

export const AdoptionTiles = ({ adoption }: { adoption: AdoptionSummary }) => {
  const { metrics: m, previous: p, series, components } = adoption;
  const against = `vs previous ${adoption.window.days} days`;
  return (
    <TileGrid columns="3">
      <KpiTile
        kpi="templateRuns"
        detail={`${formatShare(m.successRate)} succeeded · ${m.failed} failed`}
        current={m.runs}
        previous={p.runs}
        against={against}
        series={series.map(s => s.runs)}
      />
      <KpiTile
        kpi="hoursSaved"
        current={m.hoursSaved}
        previous={p.hoursSaved}
        against={against}
      />
      <KpiTile
        kpi="templateShare"
        detail={`${components.fromTemplate} of ${components.total} components`}
        current={components.share}
      />
    </TileGrid>
  );
};
