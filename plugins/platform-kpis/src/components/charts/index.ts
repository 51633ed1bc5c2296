export { BucketBarChart } from './BucketBarChart';
export { CategoryBarChart } from './CategoryBarChart';
export { CHART_COLORS } from './colors';
export { Sparkline } from './Sparkline';
export { TrendLineChart } from './TrendLineChart';
export type { ChartSeries } from './TrendLineChart';
