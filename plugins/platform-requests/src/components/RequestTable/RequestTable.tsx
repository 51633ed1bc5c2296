/*
 * Requests as a table: the columns people triage and compare by (status,
 * votes across teams, priority, age, SLA). Used by the list page and the
 * entity tabs.
 */
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import { PlatformRequest } from '@internal/plugin-platform-requests-common';
import { PlatformRequestsConfig } from '../../api';
import { useRequestLinks } from '../../hooks/useRequestLinks';
import {
  categoryTitle,
  formatAge,
  formatCount,
  formatScore,
  URGENCY_LABELS,
} from '../../lib/format';
import { SlaFlag, StatusBadge } from '../shared';

type Row = PlatformRequest & { id: string };

export type RequestTableProps = {
  requests: PlatformRequest[];
  config: PlatformRequestsConfig | undefined;
  loading?: boolean;
  error?: Error;
  emptyState?: string;
};

export const RequestTable = (props: RequestTableProps) => {
  const { requestLink } = useRequestLinks();
  const format = useLocaleFormat();
  const categories = props.config?.categories;

  // A cell's title and description are blocks of their own, so a
  // right-to-left override in a title cannot reach the text after it.
  const columns: ColumnConfig<Row>[] = [
    {
      id: 'key',
      label: 'Key',
      isRowHeader: true,
      defaultWidth: 100,
      cell: r => <CellText title={r.key} href={requestLink(r.key)} />,
    },
    {
      id: 'title',
      label: 'Title',
      defaultWidth: '3fr',
      cell: r => <CellText title={r.title} description={r.tags.join(', ')} />,
    },
    {
      id: 'status',
      label: 'Status',
      cell: r => (
        <Cell>
          <StatusBadge status={r.status} />
        </Cell>
      ),
    },
    {
      id: 'category',
      label: 'Category',
      cell: r => <CellText title={categoryTitle(r.category, categories)} />,
    },
    {
      id: 'urgency',
      label: 'Urgency',
      cell: r => <CellText title={URGENCY_LABELS[r.urgency] ?? r.urgency} />,
    },
    {
      id: 'team',
      label: 'Team',
      cell: r => (
        <Cell>
          <EntityRefLink entityRef={r.requestingTeam} hideIcon />
        </Cell>
      ),
    },
    {
      id: 'votes',
      label: 'Votes',
      cell: r => (
        <CellText
          title={formatCount(r.votes.count, format)}
          description={formatCount(r.votes.teams, format, 'team')}
        />
      ),
    },
    {
      id: 'priority',
      label: 'Priority',
      cell: r => <CellText title={formatScore(r.priority.score, format)} />,
    },
    {
      id: 'age',
      label: 'Age',
      cell: r => (
        <Cell>
          <Text as="span" title={format.dateTime(r.createdAt)}>
            {formatAge(r.createdAt, format)}
          </Text>
        </Cell>
      ),
    },
    {
      id: 'sla',
      label: 'SLA',
      cell: r => (
        <Cell>
          <SlaFlag request={r} />
        </Cell>
      ),
    },
  ];

  return (
    <Table<Row>
      columnConfig={columns}
      data={props.requests.map(r => ({ ...r, id: r.key }))}
      isPending={props.loading && props.requests.length === 0}
      error={props.error}
      pagination={{ type: 'none' }}
      emptyState={
        <Text color="secondary">{props.emptyState ?? 'No requests.'}</Text>
      }
    />
  );
};
