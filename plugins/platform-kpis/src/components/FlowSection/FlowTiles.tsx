/*
 * The intake at a glance: filed, closed, how fast triage and resolution go,
 * how requesters rate the outcome, and what is still open.
 */
import { useLocaleFormat } from '@internal/lodestar-react';
import { FlowSummary } from '@internal/plugin-platform-kpis-common';
import { backlogAtStart } from '../../lib/backlog';
import { againstPrevious, formatCount } from '../../lib/format';
import { KpiTile, TileGrid } from '../KpiTile';

export const FlowTiles = ({ flow }: { flow: FlowSummary }) => {
  const { metrics: m, previous: p, series } = flow;
  const format = useLocaleFormat();
  const against = againstPrevious(flow.window.days, format);
  return (
    <TileGrid columns="6">
      <KpiTile
        kpi="requestsCreated"
        current={m.created}
        previous={p.created}
        against={against}
        series={series.map(s => s.created)}
      />
      <KpiTile
        kpi="requestsClosed"
        current={m.closed}
        previous={p.closed}
        against={against}
        series={series.map(s => s.closed)}
      />
      <KpiTile
        kpi="timeToTriage"
        detail="median"
        current={m.medianTimeToTriageSeconds}
        previous={p.medianTimeToTriageSeconds}
        against={against}
      />
      <KpiTile
        kpi="timeToResolve"
        detail="median"
        current={m.medianTimeToResolveSeconds}
        previous={p.medianTimeToResolveSeconds}
        against={against}
      />
      <KpiTile
        kpi="satisfaction"
        detail={`${formatCount(m.satisfaction.ratings, format)} rating${
          m.satisfaction.ratings === 1 ? '' : 's'
        }`}
        current={m.satisfaction.average}
        previous={p.satisfaction.average}
        against={against}
      />
      <KpiTile
        kpi="backlog"
        detail="open at the end of the window"
        current={flow.backlog.open}
        previous={backlogAtStart(flow)}
        against="vs start of window"
      />
    </TileGrid>
  );
};
