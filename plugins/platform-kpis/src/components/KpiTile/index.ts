export { KpiTile } from './KpiTile';
export type { KpiTileProps } from './KpiTile';
export { TileGrid } from './TileGrid';
