/*
 * Every input of the improvements API, as zod schemas the backend validates
 * with and the create form uses. Target KPIs are checked against the KPI
 * plugin's list (isImpactKpiId in @internal/plugin-platform-kpis-common) by
 * the backend and the form: a common library does not depend on another.
 */
import { z } from 'zod';
import { IMPROVEMENT_STATUSES } from './model';
import { entityRefSchema, LIMITS, requestKeySchema } from '../schemas';

export const IMPROVEMENT_LIMITS = {
  problemMax: 20_000,
  requestsMax: 100,
  scopeMax: 50,
  targetKpisMax: 10,
  reasonMax: LIMITS.reasonMax,
} as const;

export const improvementKeySchema = z
  .string()
  .regex(/^IMP-[1-9][0-9]{0,9}$/, 'must be an improvement key like IMP-3');

const groupRefSchema = entityRefSchema.regex(
  /^group:/i,
  'must be a group reference like group:default/checkout-team',
);
const userRefSchema = entityRefSchema.regex(
  /^user:/i,
  'must be a user reference like user:default/priya.nair',
);

/** A day, YYYY-MM-DD, that exists in the calendar. */
const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day like 2027-03-31')
  .refine(
    v => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    'must be a day that exists',
  );

/** The shape of a KPI id; which ids exist is the KPI plugin's list. */
export const targetKpiSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9:_-]{0,119}$/, 'must be a KPI id like leadTime');

const title = z
  .string()
  .trim()
  .min(LIMITS.titleMin, `must be at least ${LIMITS.titleMin} characters`)
  .max(LIMITS.titleMax, `must be at most ${LIMITS.titleMax} characters`);

const unique = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .transform(items => [...new Set(items)] as z.output<T>[]);

export const improvementScopeSchema = z.strictObject({
  teams: unique(groupRefSchema, IMPROVEMENT_LIMITS.scopeMax).default([]),
  entities: unique(entityRefSchema, IMPROVEMENT_LIMITS.scopeMax).default([]),
});

export const createImprovementSchema = z.strictObject({
  title,
  problem: z.string().max(IMPROVEMENT_LIMITS.problemMax).default(''),
  requests: unique(requestKeySchema, IMPROVEMENT_LIMITS.requestsMax).default(
    [],
  ),
  scope: improvementScopeSchema.default({ teams: [], entities: [] }),
  targetKpis: unique(targetKpiSchema, IMPROVEMENT_LIMITS.targetKpisMax).default(
    [],
  ),
  plannedFor: daySchema.nullable().default(null),
  owner: userRefSchema.nullable().default(null),
});
export type CreateImprovementInput = z.input<typeof createImprovementSchema>;
export type CreateImprovement = z.output<typeof createImprovementSchema>;

/** PATCH: any of the fields; status moves through transitions and ship. */
export const updateImprovementSchema = z
  .strictObject({
    title: title.optional(),
    problem: z.string().max(IMPROVEMENT_LIMITS.problemMax).optional(),
    requests: unique(
      requestKeySchema,
      IMPROVEMENT_LIMITS.requestsMax,
    ).optional(),
    scope: improvementScopeSchema.optional(),
    targetKpis: unique(
      targetKpiSchema,
      IMPROVEMENT_LIMITS.targetKpisMax,
    ).optional(),
    plannedFor: daySchema.nullable().optional(),
    owner: userRefSchema.nullable().optional(),
  })
  .refine(v => Object.keys(v).length > 0, 'nothing to change');
export type UpdateImprovementInput = z.input<typeof updateImprovementSchema>;
export type UpdateImprovement = z.output<typeof updateImprovementSchema>;

/** POST /improvements/:id/transitions; shipping has its own route. */
export const improvementTransitionSchema = z.strictObject({
  to: z.enum(['planned', 'in_progress', 'dropped']),
  reason: z.string().max(IMPROVEMENT_LIMITS.reasonMax).optional(),
});
export type ImprovementTransition = z.output<
  typeof improvementTransitionSchema
>;

/** POST /improvements/:id/ship: an optional note for the linked requests. */
export const shipImprovementSchema = z
  .strictObject({
    comment: z.string().max(LIMITS.commentMax).optional(),
  })
  .default({});
export type ShipImprovement = z.output<typeof shipImprovementSchema>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    v => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    z.array(item).max(20),
  );

/**
 * GET /improvements: `team` matches improvements scoped to the team or
 * answering one of its requests; `request` those answering the request.
 */
export const improvementListQuerySchema = z.strictObject({
  status: csv(z.enum(IMPROVEMENT_STATUSES)).optional(),
  team: groupRefSchema.optional(),
  request: requestKeySchema.optional(),
});
export type ImprovementListQuery = z.output<typeof improvementListQuerySchema>;
