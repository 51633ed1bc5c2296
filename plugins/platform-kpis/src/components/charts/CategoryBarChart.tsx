/*
 * Horizontal bars for a handful of named counts, e.g. the open backlog by
 * age.
 */
import { Bar, BarChart, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_COLORS } from './colors';
import { useAxisFormats } from './useAxisFormats';

export type CategoryBarChartProps = {
  label: string;
  data: Array<{ label: string; count: number }>;
  color?: string;
};

export const CategoryBarChart = (props: CategoryBarChartProps) => {
  const { count } = useAxisFormats();
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
          allowDecimals={false}
          tickFormatter={count}
          fontSize={12}
        />
        <YAxis type="category" dataKey="label" fontSize={12} width={96} />
        <Tooltip formatter={count} />
        <Bar
          dataKey="count"
          name="Open requests"
          fill={props.color ?? CHART_COLORS.amber}
          isAnimationActive={false}
        />
      </BarChart>
    </figure>
  );
};
