/*
 * SLA compliance per urgency: of the triage and resolve clocks that stopped
 * or ran out in the window, how many stopped in time.
 */
import { CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import { LocaleFormat, useLocaleFormat } from '@internal/lodestar-react';
import { FlowSummary } from '@internal/plugin-platform-kpis-common';
import { formatOf, formatShare } from '../../lib/format';

type Sla = FlowSummary['sla'][number];
type Row = Sla & { id: string };

const clock = (c: Sla['triage'], format: LocaleFormat) => (
  <CellText
    title={formatShare(c.rate, format)}
    description={`${formatOf(c.met, c.total, format)} in time`}
  />
);

const columnsIn = (format: LocaleFormat): ColumnConfig<Row>[] => [
  {
    id: 'urgency',
    label: 'Urgency',
    isRowHeader: true,
    cell: r => (
      <CellText
        title={r.urgency.charAt(0).toUpperCase() + r.urgency.slice(1)}
      />
    ),
  },
  {
    id: 'triage',
    label: 'Triage in time',
    cell: r => clock(r.triage, format),
  },
  {
    id: 'resolve',
    label: 'Resolved in time',
    cell: r => clock(r.resolve, format),
  },
];

export const SlaTable = ({ sla }: { sla: FlowSummary['sla'] }) => (
  <Table<Row>
    columnConfig={columnsIn(useLocaleFormat())}
    data={sla.map(s => ({ ...s, id: s.urgency }))}
    pagination={{ type: 'none' }}
    emptyState={
      <Text color="secondary">No SLA clock stopped in this window.</Text>
    }
  />
);
