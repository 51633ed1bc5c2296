/*
 * Adoption per team (share of its components from templates, linking to the
 * team's KPIs) and per template (runs, successes, hours saved).
 */
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import { LocaleFormat, useLocaleFormat } from '@internal/lodestar-react';
import { AdoptionSummary } from '@internal/plugin-platform-kpis-common';
import { useKpiLinks } from '../../hooks/useKpiLinks';
import {
  formatCount,
  formatHours,
  formatOf,
  formatShare,
} from '../../lib/format';
import { refLabel } from '../../lib/refs';

type TeamRow = AdoptionSummary['perTeam'][number] & { id: string };
type TemplateRow = AdoptionSummary['byTemplate'][number] & { id: string };

export const AdoptionTeamTable = (props: {
  adoption: AdoptionSummary;
  labels?: Map<string, string>;
}) => {
  const { kpisLink } = useKpiLinks();
  const format = useLocaleFormat();
  const window = props.adoption.window.name;
  const columns: ColumnConfig<TeamRow>[] = [
    {
      id: 'team',
      label: 'Team',
      isRowHeader: true,
      defaultWidth: '2fr',
      cell: r => (
        <CellText
          title={refLabel(r.team, props.labels)}
          href={kpisLink({ window, team: r.team })}
        />
      ),
    },
    {
      id: 'share',
      label: 'From templates',
      cell: r => (
        <CellText
          title={formatShare(r.share, format)}
          description={formatOf(r.fromTemplate, r.total, format)}
        />
      ),
    },
  ];
  return (
    <Table<TeamRow>
      columnConfig={columns}
      data={props.adoption.perTeam.map(r => ({ ...r, id: r.team }))}
      pagination={{ type: 'none' }}
      emptyState={<Text color="secondary">No components yet.</Text>}
    />
  );
};

const templateColumns = (format: LocaleFormat): ColumnConfig<TemplateRow>[] => [
  {
    id: 'template',
    label: 'Template',
    isRowHeader: true,
    defaultWidth: '2fr',
    cell: r => (
      <Cell>
        <EntityRefLink entityRef={r.template} hideIcon />
      </Cell>
    ),
  },
  {
    id: 'runs',
    label: 'Runs',
    cell: r => (
      <CellText
        title={formatCount(r.runs, format)}
        description={`${formatCount(r.succeeded, format)} succeeded`}
      />
    ),
  },
  {
    id: 'hoursSaved',
    label: 'Hours saved',
    cell: r => <CellText title={formatHours(r.hoursSaved, format)} />,
  },
];

export const AdoptionTemplateTable = (props: { adoption: AdoptionSummary }) => (
  <Table<TemplateRow>
    columnConfig={templateColumns(useLocaleFormat())}
    data={props.adoption.byTemplate.map(r => ({ ...r, id: r.template }))}
    pagination={{ type: 'none' }}
    emptyState={<Text color="secondary">No template ran in this window.</Text>}
  />
);
