/*
 * Unmatched sources (the platform team only): webhook events from a repository or PagerDuty service
 * that no component claims yet. They are kept, not dropped, and counted as
 * soon as a component carries the annotation, so each row says which one
 * to add. Shown only when there is something to fix: it is the owning
 * team's catalog-info.yaml that changes, and the platform team's job to
 * notice.
 */
import { Cell, CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import { LocaleFormat, useLocaleFormat } from '@internal/lodestar-react';
import {
  UnmatchedSource,
  UnmatchedSources,
} from '@internal/plugin-platform-kpis-common';
import { KpiState } from '../../hooks/useKpiSummaries';
import { formatCount } from '../../lib/format';
import { KpiSection } from '../shared';

const SOURCE_LABELS: Record<string, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  pagerduty: 'PagerDuty',
};

type Row = UnmatchedSource & { id: string };

const columnsIn = (format: LocaleFormat): ColumnConfig<Row>[] => [
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
    // The name comes from the webhook's sender: in the sentence, its own
    // <bdi>.
    cell: r => (
      <Cell>
        <Text as="p" variant="body-medium">
          {r.name}
        </Text>
        <Text as="p" variant="body-medium" color="secondary">
          Add the annotation {r.annotation}: <bdi>{r.name}</bdi> to the
          component's catalog-info.yaml
        </Text>
      </Cell>
    ),
  },
  {
    id: 'count',
    label: 'Events kept',
    cell: r => <CellText title={formatCount(r.count, format)} />,
  },
  {
    id: 'lastSeen',
    label: 'Last seen',
    cell: r => <CellText title={format.dateTime(r.lastSeen)} />,
  },
];

export const UnmatchedSourcesSection = (props: {
  state: KpiState<UnmatchedSources>;
}) => {
  const format = useLocaleFormat();
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
          columnConfig={columnsIn(format)}
          data={value.items.map(u => ({ ...u, id: `${u.source}:${u.name}` }))}
          pagination={{ type: 'none' }}
          emptyState={<Text color="secondary">Nothing unmatched.</Text>}
        />
      )}
    </KpiSection>
  );
};
