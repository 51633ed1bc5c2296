/*
 * Golden-path use at a glance: template runs and how many succeed, the
 * hours they saved, and the share of components that started from one.
 */
import { useLocaleFormat } from '@internal/lodestar-react';
import { AdoptionSummary } from '@internal/plugin-platform-kpis-common';
import {
  againstPrevious,
  formatCount,
  formatOf,
  formatShare,
} from '../../lib/format';
import { KpiTile, TileGrid } from '../KpiTile';

export const AdoptionTiles = ({ adoption }: { adoption: AdoptionSummary }) => {
  const { metrics: m, previous: p, series, components } = adoption;
  const format = useLocaleFormat();
  const against = againstPrevious(adoption.window.days, format);
  return (
    <TileGrid columns="3">
      <KpiTile
        kpi="templateRuns"
        detail={`${formatShare(
          m.successRate,
          format,
        )} succeeded · ${formatCount(m.failed, format)} failed`}
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
        detail={`${formatOf(
          components.fromTemplate,
          components.total,
          format,
        )} components`}
        current={components.share}
      />
    </TileGrid>
  );
};
