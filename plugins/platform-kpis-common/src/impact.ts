/*
 * The measured effect of a shipped improvement. The requests plugin stores an
 * improvement's target KPIs as these ids; the KPI backend answers
 * GET /api/platform-kpis/impact with an ImpactResult; the improvement page
 * and the KPI page show it. docs/kpis.md says how each verdict is decided.
 */
import { z } from 'zod';
import { fieldsInRange } from './events';
import { groupRefSchema } from './queries';

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

/**
 * The window the portal's pages compare a KPI over: `standard`, and 90 days
 * for a survey score — a quarterly survey closes no round in most 30-day
 * windows (docs/kpis.md, "Survey scores").
 */
export function impactWindowDaysFor(
  kpi: string,
  standard: ImpactWindowDays = 30,
): ImpactWindowDays {
  return kpi.startsWith('survey:') ? 90 : standard;
}

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
  /** How `value` reads: a median duration, a rate, a share (docs/kpis.md). */
  unit?: ImpactUnit;
  /** The improvement's scope (its teams or services; everyone when empty). */
  scope: ImpactWindows;
  /** Everyone outside the scope, so an organisation-wide trend is not credited; null when the scope is everyone. */
  rest: ImpactWindows | null;
  /** The test behind the verdict, as named in docs/kpis.md. */
  test: { name: string; pValue: number | null; alpha?: number };
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

/** How an ImpactSample's value reads, per KPI (docs/kpis.md, "Impact"). */
export type ImpactUnit =
  | 'seconds'
  | 'perDay'
  | 'perWeek'
  | 'share'
  | 'hoursPerWeek'
  | 'score';

/** Most teams and services one impact question may name. */
export const IMPACT_SCOPE_LIMITS = { teams: 50, entities: 200, kpis: 20 };

const isoInstant =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** A date (midnight UTC) or an instant with a zone, to epoch ms. */
const shippedAtSchema = z
  .string()
  .max(40)
  .regex(
    isoInstant,
    'must be an ISO 8601 date (2026-06-01) or timestamp with a zone',
  )
  .transform(s => (s.length === 10 ? `${s}T00:00:00Z` : s))
  .refine(fieldsInRange, 'is not a valid date')
  .transform(s => Date.parse(s))
  .refine(ms => !Number.isNaN(ms) && ms >= Date.UTC(2000, 0, 1), {
    message: 'must be a date after 2000-01-01',
  });

/** A query parameter given once (a string) or repeated (an array). */
const repeated = (item: z.ZodType<string>, max: number) =>
  z
    .union([item, z.array(item).max(max, `at most ${max} may be given`)])
    .transform(v => [...new Set(Array.isArray(v) ? v : [v])])
    .default([]);

const anyEntityRef = z
  .string()
  .max(255)
  .regex(
    /^[a-z0-9-]+:[a-z0-9._-]+\/[a-z0-9._-]+$/i,
    'must be an entity reference like component:default/checkout-api',
  )
  .transform(s => s.toLowerCase());

/**
 * GET /impact: `shippedAt`, `windowDays` (30, 60 or 90), one or more `kpi`,
 * and the scope as repeated `team` and `entity` (none: everyone).
 */
export const impactQuerySchema = z.strictObject({
  shippedAt: shippedAtSchema,
  windowDays: z.coerce
    .number()
    .refine(
      n => (IMPACT_WINDOW_DAYS as readonly number[]).includes(n),
      'must be 30, 60 or 90',
    )
    .transform(n => n as ImpactWindowDays)
    .default(30),
  kpi: repeated(
    z
      .string()
      .max(200)
      .refine(isImpactKpiId, {
        message: `must be one of ${IMPACT_KPIS.join(
          ', ',
        )} or survey:<surveyId>:<questionId>`,
      }),
    IMPACT_SCOPE_LIMITS.kpis,
  ).pipe(z.array(z.string()).min(1, 'give at least one kpi')),
  team: repeated(groupRefSchema, IMPACT_SCOPE_LIMITS.teams),
  entity: repeated(anyEntityRef, IMPACT_SCOPE_LIMITS.entities),
});
export type ImpactQuery = {
  shippedAt: number;
  windowDays: ImpactWindowDays;
  kpi: ImpactKpiId[];
  team: string[];
  entity: string[];
};
