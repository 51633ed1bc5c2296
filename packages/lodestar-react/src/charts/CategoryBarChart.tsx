/*
 * Horizontal bars for a handful of named values, e.g. the open backlog by
 * age (KPI page) or hours lost per week by category (Where effort goes).
 * Shared here so the plugins draw bars with one component.
 */
import { Bar, BarChart, Tooltip, XAxis, YAxis } from 'recharts';
import { NO_VALUE, useLocaleFormat } from '../format';
import { CHART_COLORS } from './colors';

export type CategoryBarChartProps = {
  label: string;
  data: Array<{ label: string; count: number }>;
  color?: string;
  /** What a bar measures, in the tooltip; "Open requests" unless given. */
  valueName?: string;
  /** Whether values and ticks may have decimals (e.g. hours). */
  allowDecimals?: boolean;
};

export const CategoryBarChart = (props: CategoryBarChartProps) => {
  const format = useLocaleFormat();
  const count = (value: unknown) =>
    typeof value === 'number'
      ? format.number(value, { maxFractionDigits: 1 })
      : String(value ?? NO_VALUE);
  return (
    <figure role="figure" aria-label={props.label} style={{ margin: 0 }}>
      <BarChart
        responsive
        layout="vertical"
        data={props.data}
        style={{ width: '100%', height: 40 + props.data.length * 32 }}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      >
        <XAxis
          type="number"
          allowDecimals={props.allowDecimals ?? false}
          tickFormatter={count}
          fontSize={12}
        />
        <YAxis type="category" dataKey="label" fontSize={12} width={96} />
        <Tooltip formatter={count} />
        <Bar
          dataKey="count"
          name={props.valueName ?? 'Open requests'}
          fill={props.color ?? CHART_COLORS.amber}
          isAnimationActive={false}
        />
      </BarChart>
    </figure>
  );
};
