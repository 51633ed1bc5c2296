/*
 * The change of a KPI against the window before, and whether that is good
 * news: green when it moved in the KPI's `better` direction, red when it
 * moved the other way, grey when either value is missing or nothing moved.
 * Shares (rates 0–1) change in percentage points, which is what people mean
 * by "the failure rate went up 5 points"; everything else in percent.
 */
import { LocaleFormat } from '@internal/lodestar-react';
import { KpiDefinition } from '@internal/plugin-platform-kpis-common';
import { formatFixed } from './format';

export type ChangeVerdict = 'better' | 'worse' | 'neutral';

export type KpiChange = {
  direction: 'up' | 'down' | 'flat';
  verdict: ChangeVerdict;
  /** "+12 %", "−5.0 pts", "from 0", "no change"; null when not comparable. */
  label: string | null;
};

const NOT_COMPARABLE: KpiChange = {
  direction: 'flat',
  verdict: 'neutral',
  label: null,
};

function sign(n: number): string {
  if (n > 0) return '+';
  if (n < 0) return '−';
  return '';
}

export function compareKpi(
  current: number | null | undefined,
  previous: number | null | undefined,
  better: KpiDefinition['better'],
  format: LocaleFormat,
  unit?: KpiDefinition['unit'],
): KpiChange {
  if (
    current === null ||
    current === undefined ||
    previous === null ||
    previous === undefined
  ) {
    return NOT_COMPARABLE;
  }
  if (current === previous) {
    return { direction: 'flat', verdict: 'neutral', label: 'no change' };
  }
  const direction = current > previous ? 'up' : 'down';
  const verdict: ChangeVerdict =
    (direction === 'up') === (better === 'higher') ? 'better' : 'worse';
  let label: string;
  if (unit === 'share') {
    const points = (current - previous) * 100;
    label = `${sign(points)}${formatFixed(Math.abs(points), 1, format)} pts`;
  } else if (previous === 0) {
    label = 'from 0';
  } else {
    const percent = ((current - previous) / Math.abs(previous)) * 100;
    const digits = Math.abs(percent) < 10 ? 1 : 0;
    label = `${sign(percent)}${formatFixed(
      Math.abs(percent),
      digits,
      format,
    )} %`;
  }
  return { direction, verdict, label };
}
