/*
 * The measured effect of a shipped improvement. The requests plugin stores an
 * improvement's target KPIs as these ids; the KPI backend answers
 * GET /api/platform-kpis/impact with an ImpactResult; the improvement page
 * and the KPI page show it. docs/kpis.md says how each verdict is decided.
 */

/** The KPIs an improvement can target, besides survey scores. */
export const IMPACT_KPIS = [
  'leadTime',
  'deploymentFrequency',
  'changeFailureRate',
  'timeToRestore',
  'hoursLost',
  'templateRuns',
] as const;

/**
 * A target KPI: one of IMPACT_KPIS, or a survey question's score written
 * `survey:<surveyId>:<questionId>`.
 */
export type ImpactKpiId = (typeof IMPACT_KPIS)[number] | `survey:${string}`;

const SURVEY_KPI = /^survey:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/;

export function isImpactKpiId(value: string): value is ImpactKpiId {
  return (
    (IMPACT_KPIS as readonly string[]).includes(value) || SURVEY_KPI.test(value)
  );
}

/** Before and after windows are of equal length around the ship date. */
export const IMPACT_WINDOW_DAYS = [30, 60, 90] as const;
export type ImpactWindowDays = (typeof IMPACT_WINDOW_DAYS)[number];

export type ImpactVerdict =
  | 'improved'
  | 'worse'
  | 'noClearChange'
  | 'notEnoughData';

/** A KPI's value over one window and how many observations it rests on. */
export type ImpactSample = { value: number | null; n: number };
export type ImpactWindows = { before: ImpactSample; after: ImpactSample };

export type KpiImpact = {
  kpi: ImpactKpiId;
  title: string;
  better: 'higher' | 'lower';
  /** The improvement's scope (its teams or services; everyone when empty). */
  scope: ImpactWindows;
  /** Everyone outside the scope, so an organisation-wide trend is not credited; null when the scope is everyone. */
  rest: ImpactWindows | null;
  /** The test behind the verdict, as named in docs/kpis.md. */
  test: { name: string; pValue: number | null };
  verdict: ImpactVerdict;
  /** One sentence a person can check: why this verdict. */
  reason: string;
};

export type ImpactResult = {
  shippedAt: string;
  windowDays: ImpactWindowDays;
  before: { from: string; to: string };
  after: { from: string; to: string };
  /** False until the after window has ended: the verdict may still change. */
  afterWindowComplete: boolean;
  scope: { teams: string[]; entities: string[] };
  kpis: KpiImpact[];
};
