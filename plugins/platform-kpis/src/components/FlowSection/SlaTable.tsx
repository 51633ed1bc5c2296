/*
 * SLA compliance per urgency: of the triage and resolve clocks that stopped
 * or ran out in the window, how many stopped in time.
 */
import { CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import { FlowSummary } from '@internal/plugin-platform-kpis-common';
import { formatShare } from '../../lib/format';

type Sla = FlowSummary['sla'][number];
type Row = Sla & { id: string };

const clock = (c: Sla['triage']) => (
  <CellText
    title={formatShare(c.rate)}
    description={`${c.met} of ${c.total} in time`}
  />
);

const columns: ColumnConfig<Row>[] = [
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
  { id: 'triage', label: 'Triage in time', cell: r => clock(r.triage) },
  { id: 'resolve', label: 'Resolved in time', cell: r => clock(r.resolve) },
];

export const SlaTable = ({ sla }: { sla: FlowSummary['sla'] }) => (
  <Table<Row>
    columnConfig={columns}
    data={sla.map(s => ({ ...s, id: s.urgency }))}
    pagination={{ type: 'none' }}
    emptyState={
      <Text color="secondary">No SLA clock stopped in this window.</Text>
    }
  />
);
