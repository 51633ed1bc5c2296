export { BucketBarChart } from './BucketBarChart';
// Shared with the requests plugin's "Where effort goes" page.
export { CategoryBarChart, CHART_COLORS } from '@internal/lodestar-react';
export { Sparkline } from './Sparkline';
export { TrendLineChart } from './TrendLineChart';
export type { ChartSeries } from './TrendLineChart';
