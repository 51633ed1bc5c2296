/*
 * Unmatched sources (the platform team only): webhook events from a repository or PagerDuty service
 * that no component claims yet. They are kept, not dropped, and counted as
 * soon as a component carries the annotation, so each row says which one
 * to add. Shown only when there is something to fix: it is the owning
 * team's catalog-info.yaml that changes, and the platform team's job to
 * notice.
 */
import { CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import {
  UnmatchedSource,
  UnmatchedSources,
} from '@internal/plugin-platform-kpis-common';
import { KpiState } from '../../hooks/useKpiSummaries';
import { formatDateTime } from '../../lib/format';
import { KpiSection } from '../shared';

const SOURCE_LABELS: Record<string, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  pagerduty: 'PagerDuty',
};

type Row = UnmatchedSource & { id: string };

const columns: ColumnConfig<Row>[] = [
  {
    id: 'source',
    label: 'Source',
    cell: r => <CellText title={SOURCE_LABELS[r.source] ?? r.source} />,
  },
  {
    id: 'name',
    label: 'Repository or service',
    isRowHeader: true,
    defaultWidth: '2fr',
    cell: r => (
      <CellText
        title={r.name}
        description={`Add the annotation ${r.annotation}: ${r.name} to the component's catalog-info.yaml`}
      />
    ),
  },
  {
    id: 'count',
    label: 'Events kept',
    cell: r => <CellText title={String(r.count)} />,
  },
  {
    id: 'lastSeen',
    label: 'Last seen',
    cell: r => <CellText title={formatDateTime(r.lastSeen)} />,
  },
];

export const UnmatchedSourcesSection = (props: {
  state: KpiState<UnmatchedSources>;
}) => {
  // Nothing to fix, or nothing to say: no section.
  if (!props.state.error && !props.state.value?.items.length) return null;
  return (
    <KpiSection
      title="Unmatched sources"
      state={props.state}
      subtitle={() =>
        'Webhook events no component claims yet. They are kept and counted for the component once it carries the annotation.'
      }
    >
      {value => (
        <Table<Row>
          columnConfig={columns}
          data={value.items.map(u => ({ ...u, id: `${u.source}:${u.name}` }))}
          pagination={{ type: 'none' }}
          emptyState={<Text color="secondary">Nothing unmatched.</Text>}
        />
      )}
    </KpiSection>
  );
};
