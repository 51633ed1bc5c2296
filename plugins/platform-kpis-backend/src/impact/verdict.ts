/*
 * From two windows' figures and a test to a verdict and a sentence that
 * says why (docs/kpis.md, "Impact"). improved / worse only when the scope's
 * change is significant at ALPHA in that direction AND larger than the
 * change of everyone outside the scope over the same windows.
 */
import {
  ImpactVerdict,
  ImpactWindows,
} from '@internal/plugin-platform-kpis-common';
import { ALPHA } from './statistics';

export type VerdictInput = {
  better: 'higher' | 'lower';
  scope: ImpactWindows;
  rest: ImpactWindows | null;
  /** The scope's test; null when a window is below its minimum. */
  pValue: number | null;
  /** Why there is no test (the sample minimum not reached). */
  shortfall?: string;
  /** 'relative' (per cent of before) or 'points' (a share's difference). */
  changeAs: 'relative' | 'points';
  /** Whether the rest of the organisation reached its own minimums. */
  restEnough: boolean;
};

export type Verdict = { verdict: ImpactVerdict; reason: string };

const round = (x: number) =>
  x >= 10 ? Math.round(x) : Math.round(x * 10) / 10;
const pText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/** The change from before to after, or null when it has no size. */
export function changeOf(
  w: ImpactWindows,
  changeAs: 'relative' | 'points',
): number | null {
  const { before, after } = w;
  if (before.value === null || after.value === null) return null;
  if (changeAs === 'points') return after.value - before.value;
  if (before.value === 0) return after.value === 0 ? 0 : null;
  return (after.value - before.value) / before.value;
}

export function describeChange(
  change: number | null,
  changeAs: 'relative' | 'points',
): string {
  if (change === null) return 'rose from zero';
  const size =
    changeAs === 'points'
      ? `${round(Math.abs(change) * 100)} percentage points`
      : `${round(Math.abs(change) * 100)} %`;
  if (change === 0) return 'did not change';
  return `${change > 0 ? 'rose' : 'fell'} ${size}`;
}

export function decide(input: VerdictInput): Verdict {
  const { better, scope, rest, pValue, changeAs } = input;
  if (pValue === null) {
    return {
      verdict: 'notEnoughData',
      reason: input.shortfall ?? 'not enough data in one of the windows',
    };
  }
  const scopeChange = changeOf(scope, changeAs);
  const scopeText = `The scope ${describeChange(
    scopeChange,
    changeAs,
  )} (${pText(pValue)})`;
  if (pValue >= ALPHA || scopeChange === 0) {
    return {
      verdict: 'noClearChange',
      reason: `${scopeText}: not significant at α = ${ALPHA}.`,
    };
  }
  // Positive when the change is good news.
  const good = (c: number) => (better === 'higher' ? c : -c);
  const direction: ImpactVerdict =
    (scopeChange === null
      ? good(scope.after.value! - scope.before.value!)
      : good(scopeChange)) > 0
      ? 'improved'
      : 'worse';
  if (rest === null) {
    return {
      verdict: direction,
      reason: `${scopeText}; the scope is the whole organisation, so there is no rest to compare with.`,
    };
  }
  const restChange = changeOf(rest, changeAs);
  if (!input.restEnough || restChange === null) {
    return {
      verdict: direction,
      reason: `${scopeText}; the rest of the organisation has too little data to compare with, so an organisation-wide trend cannot be ruled out.`,
    };
  }
  const restText = `the rest of the organisation ${describeChange(
    restChange,
    changeAs,
  )}`;
  // Difference in differences: the scope must beat the rest's own change.
  const beats =
    scopeChange === null ||
    (direction === 'improved'
      ? good(scopeChange) > good(restChange)
      : good(scopeChange) < good(restChange));
  if (!beats) {
    return {
      verdict: 'noClearChange',
      reason: `${scopeText}, but ${restText} over the same windows: the change is not the scope's own.`,
    };
  }
  return { verdict: direction, reason: `${scopeText}; ${restText}.` };
}
