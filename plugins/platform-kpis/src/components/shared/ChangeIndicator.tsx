/*
 * The change against the window before: an arrow and the size of the move,
 * green when it went the KPI's `better` way, red when not, grey when there is
 * nothing to compare.
 */
import { Text } from '@backstage/ui';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import ArrowUpward from '@material-ui/icons/ArrowUpward';
import { useLocaleFormat } from '@internal/lodestar-react';
import { KpiDefinition } from '@internal/plugin-platform-kpis-common';
import { compareKpi } from '../../lib/change';
import { SrOnly } from './SrOnly';

const ARROWS = {
  up: ArrowUpward,
  down: ArrowDownward,
  flat: null,
} as const;

const COLORS = {
  better: 'success',
  worse: 'danger',
  neutral: 'secondary',
} as const;

const WORDS = {
  better: 'better',
  worse: 'worse',
} as const;

export type ChangeIndicatorProps = {
  current: number | null | undefined;
  previous: number | null | undefined;
  better: KpiDefinition['better'];
  unit?: KpiDefinition['unit'];
  /** "vs previous 90 days" */
  against?: string;
};

export const ChangeIndicator = (props: ChangeIndicatorProps) => {
  const change = compareKpi(
    props.current,
    props.previous,
    props.better,
    useLocaleFormat(),
    props.unit,
  );
  const against = props.against ?? 'vs previous window';
  const Arrow = ARROWS[change.direction];
  return (
    <Text
      as="span"
      variant="body-small"
      color={COLORS[change.verdict]}
      data-verdict={change.verdict}
      data-testid="kpi-change"
      style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}
    >
      {Arrow && <Arrow fontSize="inherit" aria-hidden />}
      {change.label ? `${change.label} ${against}` : 'no comparison'}
      {change.verdict !== 'neutral' && (
        <SrOnly> ({WORDS[change.verdict]})</SrOnly>
      )}
    </Text>
  );
};
