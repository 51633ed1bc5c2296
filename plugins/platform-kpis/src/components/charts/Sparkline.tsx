/*
 * The small trend line of a tile: the KPI per bucket over the window, no
 * axes. Gaps (buckets with nothing to measure) stay gaps.
 */
import { Line, LineChart } from 'recharts';
import { CHART_COLORS } from '@internal/lodestar-react';

export const Sparkline = (props: {
  values: Array<number | null>;
  label: string;
  color?: string;
}) => {
  if (props.values.filter(v => v !== null).length < 2) return null;
  const data = props.values.map((value, i) => ({ i, value }));
  return (
    <div role="img" aria-label={props.label}>
      <LineChart
        responsive
        data={data}
        style={{ width: '100%', height: 36 }}
        margin={{ top: 4, right: 2, bottom: 2, left: 2 }}
      >
        <Line
          type="monotone"
          dataKey="value"
          stroke={props.color ?? CHART_COLORS.blue}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
};
