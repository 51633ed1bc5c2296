/*
 * A line per series over the window's buckets (days or weeks), e.g. lead
 * time and time to restore, or the catalog-health shares.
 */
import {
  CartesianGrid,
  Legend,
  ReferenceLine,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ShipMarker } from '../../lib/impact';

import { useAxisFormats } from './useAxisFormats';

export type ChartSeries = { key: string; name: string; color: string };

export type TrendLineChartProps = {
  /** Accessible name of the chart. */
  label: string;
  data: Array<{ start: string } & Record<string, number | string | null>>;
  series: ChartSeries[];
  formatValue: (value: number) => string;
  timeZone?: string;
  height?: number;
  /** Ship dates of improvements, as dashed vertical lines. */
  markers?: ShipMarker[];
};

export const TrendLineChart = (props: TrendLineChartProps) => {
  const { bucket } = useAxisFormats(props.timeZone);
  return (
    <figure role="figure" aria-label={props.label} style={{ margin: 0 }}>
      <LineChart
        responsive
        data={props.data}
        style={{ width: '100%', height: props.height ?? 240 }}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="start" tickFormatter={bucket} fontSize={12} />
        <YAxis
          tickFormatter={v => props.formatValue(Number(v))}
          fontSize={12}
          width={64}
        />
        <Tooltip
          labelFormatter={bucket}
          formatter={v =>
            typeof v === 'number' ? props.formatValue(v) : String(v ?? '–')
          }
        />
        <Legend />
        {props.series.map(s => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeWidth={2}
            dot={false}
            connectNulls
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
      </LineChart>
    </figure>
  );
};
