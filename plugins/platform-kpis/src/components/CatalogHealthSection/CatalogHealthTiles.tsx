/*
 * One tile per catalog-health share, against the snapshot at the start of
 * the window.
 */
import { CatalogHealthSummary } from '@internal/plugin-platform-kpis-common';
import { KpiTile, TileGrid } from '../KpiTile';
import { SHARES } from './shares';

export const CatalogHealthTiles = ({
  health,
}: {
  health: CatalogHealthSummary;
}) => {
  const { counts } = health;
  const details: Record<string, string> = {
    validOwner: `${counts.withValidOwner} of ${counts.components} components`,
    system: `${counts.withSystem} of ${counts.components} components`,
    lifecycle: `${counts.withLifecycle} of ${counts.components} components`,
    api: `${counts.withApi} of ${counts.needApi} services`,
    orphans: `${counts.orphans} of ${counts.components} components`,
  };
  return (
    <TileGrid columns="5">
      {SHARES.map(share => (
        <KpiTile
          key={share.key}
          kpi="catalogHealth"
          title={share.title}
          detail={details[share.key]}
          current={health.shares[share.key]}
          previous={health.previous ? health.previous[share.key] : null}
          better={share.better}
          against="vs start of window"
          series={health.series.map(s => s[share.key])}
        />
      ))}
    </TileGrid>
  );
};
