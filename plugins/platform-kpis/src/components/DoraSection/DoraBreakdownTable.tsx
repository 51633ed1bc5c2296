/*
 * The drill-down: the organisation's teams, or a team's services, each with
 * its tier and four keys. A row links one level down, keeping the window.
 */
import { Cell, CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import {
  DoraBreakdownRow,
  DoraSummary,
} from '@internal/plugin-platform-kpis-common';
import { useLocaleFormat } from '@internal/lodestar-react';
import { useKpiLinks } from '../../hooks/useKpiLinks';
import {
  formatCount,
  formatDuration,
  formatFixed,
  formatShare,
} from '../../lib/format';
import { refLabel } from '../../lib/refs';
import { TierChip } from '../shared';

type Row = DoraBreakdownRow & { id: string };

export type DoraBreakdownTableProps = {
  dora: DoraSummary;
  labels?: Map<string, string>;
};

export const DoraBreakdownTable = ({
  dora,
  labels,
}: DoraBreakdownTableProps) => {
  const { kpisLink } = useKpiLinks();
  const format = useLocaleFormat();
  const window = dora.window.name;
  const team = dora.scope.kind === 'team' ? dora.scope.ref : undefined;
  const href = (row: DoraBreakdownRow) =>
    row.kind === 'team'
      ? kpisLink({ window, team: row.ref })
      : kpisLink({ window, team, service: row.ref });

  const columns: ColumnConfig<Row>[] = [
    {
      id: 'name',
      label: team ? 'Service' : 'Team',
      isRowHeader: true,
      defaultWidth: '2fr',
      cell: r => <CellText title={refLabel(r.ref, labels)} href={href(r)} />,
    },
    {
      id: 'tier',
      label: 'Tier',
      cell: r => (
        <Cell>
          <TierChip tier={r.metrics.tier} />
        </Cell>
      ),
    },
    {
      id: 'deploymentFrequency',
      label: 'Deploys / day',
      cell: r => (
        <CellText
          title={formatFixed(r.metrics.deploymentFrequency.perDay, 2, format)}
          description={`${formatCount(
            r.metrics.deploymentFrequency.deployments,
            format,
          )} deployments`}
        />
      ),
    },
    {
      id: 'leadTime',
      label: 'Lead time',
      cell: r => (
        <CellText
          title={formatDuration(r.metrics.leadTime.medianSeconds, format)}
        />
      ),
    },
    {
      id: 'changeFailureRate',
      label: 'Change failure rate',
      cell: r => (
        <CellText
          title={formatShare(r.metrics.changeFailureRate.rate, format)}
        />
      ),
    },
    {
      id: 'timeToRestore',
      label: 'Time to restore',
      cell: r => (
        <CellText
          title={formatDuration(r.metrics.timeToRestore.medianSeconds, format)}
        />
      ),
    },
  ];

  return (
    <Table<Row>
      columnConfig={columns}
      data={dora.breakdown.map(r => ({ ...r, id: r.ref }))}
      pagination={{ type: 'none' }}
      emptyState={
        <Text color="secondary">
          {team
            ? 'This team owns no service with deployments in this window.'
            : 'No team has deployments in this window.'}
        </Text>
      }
    />
  );
};
