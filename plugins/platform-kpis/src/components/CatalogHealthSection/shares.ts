/*
 * The catalog-health shares as the definitions list them, each with the
 * colour of its line in the chart.
 */
import {
  CATALOG_HEALTH_SHARES,
  CatalogHealthShares,
} from '@internal/plugin-platform-kpis-common';
import { CHART_COLORS } from '../charts';

const COLORS: Record<keyof CatalogHealthShares, string> = {
  validOwner: CHART_COLORS.blue,
  system: CHART_COLORS.green,
  lifecycle: CHART_COLORS.purple,
  api: CHART_COLORS.teal,
  orphans: CHART_COLORS.red,
};

export const SHARES = CATALOG_HEALTH_SHARES.map(share => ({
  ...share,
  color: COLORS[share.key],
}));
