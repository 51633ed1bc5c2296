/*
 * Catalog health per team, and the gaps: components missing something,
 * worst first, each linking to its catalog page.
 */
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import { CatalogHealthSummary } from '@internal/plugin-platform-kpis-common';
import { formatCount, formatShare } from '../../lib/format';
import { refLabel } from '../../lib/refs';
import { SHARES } from './shares';

type TeamRow = CatalogHealthSummary['perTeam'][number] & { id: string };
type GapRow = CatalogHealthSummary['gaps'][number] & { id: string };

export const CatalogHealthTeamTable = (props: {
  health: CatalogHealthSummary;
  labels?: Map<string, string>;
}) => {
  const format = useLocaleFormat();
  const columns: ColumnConfig<TeamRow>[] = [
    {
      id: 'team',
      label: 'Team',
      isRowHeader: true,
      defaultWidth: '2fr',
      cell: r => (
        <CellText
          title={refLabel(r.team, props.labels)}
          description={`${formatCount(r.counts.components, format)} components`}
        />
      ),
    },
    ...SHARES.map(
      (share): ColumnConfig<TeamRow> => ({
        id: share.key,
        label: share.title,
        cell: r => (
          <CellText title={formatShare(r.shares[share.key], format)} />
        ),
      }),
    ),
  ];
  return (
    <Table<TeamRow>
      columnConfig={columns}
      data={props.health.perTeam.map(r => ({ ...r, id: r.team }))}
      pagination={{ type: 'none' }}
      emptyState={<Text color="secondary">No team owns components.</Text>}
    />
  );
};

const gapColumns: ColumnConfig<GapRow>[] = [
  {
    id: 'entity',
    label: 'Component',
    isRowHeader: true,
    defaultWidth: '2fr',
    cell: r => (
      <Cell>
        <EntityRefLink entityRef={r.entityRef} hideIcon />
      </Cell>
    ),
  },
  {
    id: 'team',
    label: 'Team',
    cell: r => <CellText title={r.team ? refLabel(r.team) : 'No owner'} />,
  },
  {
    id: 'missing',
    label: 'Missing',
    defaultWidth: '2fr',
    cell: r => <CellText title={r.missing.join(', ')} />,
  },
];

export const CatalogGapsTable = (props: { health: CatalogHealthSummary }) => (
  <Table<GapRow>
    columnConfig={gapColumns}
    data={props.health.gaps.map(r => ({ ...r, id: r.entityRef }))}
    pagination={{ type: 'none' }}
    emptyState={
      <Text color="secondary">Every component has what it needs.</Text>
    }
  />
);
