/*
 * One tile per catalog-health share, against the snapshot at the start of
 * the window.
 */
import { useLocaleFormat } from '@internal/lodestar-react';
import { CatalogHealthSummary } from '@internal/plugin-platform-kpis-common';
import { formatOf } from '../../lib/format';
import { KpiTile, TileGrid } from '../KpiTile';
import { SHARES } from './shares';

export const CatalogHealthTiles = ({
  health,
}: {
  health: CatalogHealthSummary;
}) => {
  const { counts } = health;
  const format = useLocaleFormat();
  const of = (part: number, total: number, noun: string) =>
    `${formatOf(part, total, format)} ${noun}`;
  const details: Record<string, string> = {
    validOwner: of(counts.withValidOwner, counts.components, 'components'),
    system: of(counts.withSystem, counts.components, 'components'),
    lifecycle: of(counts.withLifecycle, counts.components, 'components'),
    api: of(counts.withApi, counts.needApi, 'services'),
    orphans: of(counts.orphans, counts.components, 'components'),
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
