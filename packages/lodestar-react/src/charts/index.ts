export { CategoryBarChart } from './CategoryBarChart';
export type { CategoryBarChartProps } from './CategoryBarChart';
export { CHART_COLORS } from './colors';
