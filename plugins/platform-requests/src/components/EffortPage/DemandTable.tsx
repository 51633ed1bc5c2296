/*
 * One demand breakdown of "Where effort goes": a bar chart of hours lost
 * per week (the shared CategoryBarChart) over a table of open requests,
 * votes and hours lost per week.
 */
import { Text } from '@backstage/ui';
import {
  CategoryBarChart,
  CHART_COLORS,
  useLocaleFormat,
} from '@internal/lodestar-react';
import { Demand } from '@internal/plugin-platform-requests-common';
import { ReactNode } from 'react';

export type DemandRow = Demand & {
  id: string;
  /** Plain text for the chart's axis. */
  label: string;
  /** What the table's first column shows (e.g. a link). */
  cell?: ReactNode;
  extra?: ReactNode;
};

export const DemandTable = (props: {
  label: string;
  heading: string;
  rows: DemandRow[];
  extraHeading?: string;
  /** Leave the chart out (e.g. when labels are long). */
  noChart?: boolean;
}) => {
  const format = useLocaleFormat();
  if (props.rows.length === 0) return <Text>Nothing open.</Text>;
  const hours = (n: number) => format.number(n, { maxFractionDigits: 1 });
  return (
    <>
      {!props.noChart && (
        <CategoryBarChart
          label={`${props.label}: hours lost per week`}
          valueName="Hours lost per week"
          allowDecimals
          color={CHART_COLORS.red}
          data={props.rows.map(r => ({
            label: r.label,
            count: r.hoursLostPerWeek,
          }))}
        />
      )}
      <table aria-label={props.label} style={{ width: '100%' }}>
        <thead>
          <tr>
            <th align="left">{props.heading}</th>
            {props.extraHeading && <th align="left">{props.extraHeading}</th>}
            <th align="right">Open requests</th>
            <th align="right">Votes</th>
            <th align="right">Hours lost / week</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(r => (
            <tr key={r.id}>
              <td>{r.cell ?? <bdi>{r.label}</bdi>}</td>
              {props.extraHeading && <td>{r.extra}</td>}
              <td align="right">{format.number(r.openRequests)}</td>
              <td align="right">{format.number(r.votes)}</td>
              <td align="right">{hours(r.hoursLostPerWeek)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
};
