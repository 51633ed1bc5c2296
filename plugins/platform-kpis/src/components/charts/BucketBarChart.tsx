/*
 * Bars per bucket of the window, side by side or stacked (bars sharing a
 * `stack`): deployments and failures, created and closed, template runs.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ShipMarker } from '../../lib/impact';
import { ChartSeries } from './TrendLineChart';
import { useAxisFormats } from './useAxisFormats';

export type BucketBarChartProps = {
  label: string;
  data: Array<{ start: string } & Record<string, number | string | null>>;
  bars: Array<ChartSeries & { stack?: string }>;
  timeZone?: string;
  height?: number;
  /** Ship dates of improvements, as dashed vertical lines. */
  markers?: ShipMarker[];
};

export const BucketBarChart = (props: BucketBarChartProps) => {
  const { bucket, count } = useAxisFormats(props.timeZone);
  return (
    <figure role="figure" aria-label={props.label} style={{ margin: 0 }}>
      <BarChart
        responsive
        data={props.data}
        style={{ width: '100%', height: props.height ?? 240 }}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="start" tickFormatter={bucket} fontSize={12} />
        <YAxis
          allowDecimals={false}
          tickFormatter={count}
          fontSize={12}
          width={40}
        />
        <Tooltip labelFormatter={bucket} formatter={count} />
        <Legend />
        {props.bars.map(b => (
          <Bar
            key={b.key}
            dataKey={b.key}
            name={b.name}
            fill={b.color}
            stackId={b.stack}
            isAnimationActive={false}
          />
        ))}
        {props.markers?.map(m => (
          <ReferenceLine
            key={`${m.bucket}-${m.label}`}
            x={m.bucket}
            stroke="currentColor"
            strokeDasharray="4 3"
            ifOverflow="extendDomain"
          />
        ))}
      </BarChart>
    </figure>
  );
};
