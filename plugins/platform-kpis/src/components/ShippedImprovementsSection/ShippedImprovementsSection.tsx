/*
 * What the platform team shipped and whether it helped: each shipped
 * improvement with its target KPIs before and after the ship date, for its
 * scope and for the rest of the organisation, and the verdict with its
 * reason (GET /api/platform-kpis/impact; rules in docs/kpis.md). Nothing at
 * all while the requests plugin lists no shipped improvements.
 */
import { Cell, CellText, ColumnConfig, Flex, Table, Text } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import {
  impactWindowDaysFor,
  KpiImpact,
  ImpactVerdict,
} from '@internal/plugin-platform-kpis-common';
import { ImprovementImpact, KpiState } from '../../hooks/useKpiSummaries';
import { formatImpactValue, VERDICT_LABELS } from '../../lib/impact';
import { refLabel } from '../../lib/refs';
import { ErrorAlert, KpiSection, Titled } from '../shared';

type Row = KpiImpact & { id: string };

const VERDICT_COLOURS = {
  improved: 'success',
  worse: 'danger',
  noClearChange: 'primary',
  notEnoughData: 'secondary',
} as const satisfies Record<ImpactVerdict, string>;

const ImpactTable = ({ kpis }: { kpis: KpiImpact[] }) => {
  const format = useLocaleFormat();
  const beforeAfter = (k: KpiImpact, w: KpiImpact['scope'] | null) =>
    w
      ? `${formatImpactValue(
          k.unit,
          w.before.value,
          format,
        )} → ${formatImpactValue(k.unit, w.after.value, format)}`
      : '—';
  const samples = (w: KpiImpact['scope'] | null) =>
    w ? `n = ${w.before.n} / ${w.after.n}` : 'the scope is everyone';
  const columns: ColumnConfig<Row>[] = [
    {
      id: 'kpi',
      label: 'KPI',
      isRowHeader: true,
      cell: r => (
        <CellText
          title={r.title}
          description={
            impactWindowDaysFor(r.kpi) === 90 ? '90-day windows' : undefined
          }
        />
      ),
    },
    {
      id: 'scope',
      label: 'Scope, before → after',
      cell: r => (
        <CellText
          title={beforeAfter(r, r.scope)}
          description={samples(r.scope)}
        />
      ),
    },
    {
      id: 'rest',
      label: 'Rest of the organisation',
      cell: r => (
        <CellText
          title={beforeAfter(r, r.rest)}
          description={samples(r.rest)}
        />
      ),
    },
    {
      id: 'verdict',
      label: 'Verdict',
      defaultWidth: '2fr',
      cell: r => (
        <Cell>
          <Flex direction="column" gap="1">
            <Text weight="bold" color={VERDICT_COLOURS[r.verdict]}>
              {VERDICT_LABELS[r.verdict]}
            </Text>
            <Text variant="body-small" color="secondary">
              {r.reason}
            </Text>
          </Flex>
        </Cell>
      ),
    },
  ];
  return (
    <Table<Row>
      columnConfig={columns}
      data={kpis.map(k => ({ ...k, id: k.kpi }))}
      pagination={{ type: 'none' }}
    />
  );
};

export const ShippedImprovementsSection = (props: {
  state: KpiState<ImprovementImpact[]>;
  labels?: Map<string, string>;
}) => {
  const format = useLocaleFormat();
  const { state, labels } = props;
  // Nothing shipped (or no improvements route yet): no section at all.
  if (!state.error && (state.value?.length ?? 0) === 0) return null;
  const scopeText = (i: ImprovementImpact['improvement']) => {
    const names = [...i.scope.teams, ...i.scope.entities].map(r =>
      refLabel(r, labels),
    );
    return names.length ? `for ${names.join(', ')}` : 'for everyone';
  };
  return (
    <KpiSection
      title="Shipped improvements"
      state={state}
      subtitle={() =>
        'Each target KPI 30 days before the ship date against 30 days after (survey scores 90), for the improvement’s scope and for everyone else; the test and thresholds are in docs/kpis.md.'
      }
    >
      {items => (
        <>
          {items.map(({ improvement, impact, error }) => (
            <Titled key={improvement.id} title={improvement.title}>
              <Text variant="body-small" color="secondary">
                Shipped {format.dayMonth(improvement.shippedAt)}{' '}
                {scopeText(improvement)}
                {impact && !impact.afterWindowComplete
                  ? ' — the after window is still running.'
                  : '.'}
              </Text>
              {error && (
                <ErrorAlert
                  error={error}
                  title={`The impact of ${improvement.title} could not be loaded`}
                />
              )}
              {impact && <ImpactTable kpis={impact.kpis} />}
              {!impact && !error && (
                <Text color="secondary">No KPI targeted.</Text>
              )}
            </Titled>
          ))}
        </>
      )}
    </KpiSection>
  );
};
