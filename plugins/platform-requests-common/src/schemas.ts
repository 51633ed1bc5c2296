/*
 * Every input the API takes, as zod schemas. The backend validates with them
 * (a failure is a 400 naming the field); the frontend uses the same ones in
 * its forms, so both sides agree on the limits.
 */
import { z } from 'zod';
import { REQUEST_STATUSES, URGENCIES } from './model';

export const LIMITS = {
  titleMin: 3,
  titleMax: 200,
  descriptionMax: 20_000,
  commentMax: 20_000,
  reasonMax: 2_000,
  tagsMax: 20,
  relatedEntitiesMax: 50,
  peopleAffectedMax: 1_000_000,
  hoursLostPerWeekMax: 100_000,
  qMax: 200,
  limitMax: 100,
} as const;

export const entityRefSchema = z
  .string()
  .max(255)
  .regex(
    /^[A-Za-z][A-Za-z0-9-]*:[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/,
    'must be an entity reference like group:default/checkout-team',
  );

export const requestKeySchema = z
  .string()
  .regex(/^REQ-[1-9][0-9]{0,9}$/, 'must be a request key like REQ-42');

const tagSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9+#.-]{0,39}$/,
    'tags are 1 to 40 lowercase letters, digits and + # . -',
  );

const title = z
  .string()
  .trim()
  .min(LIMITS.titleMin, `must be at least ${LIMITS.titleMin} characters`)
  .max(LIMITS.titleMax, `must be at most ${LIMITS.titleMax} characters`);

const impactSchema = z.strictObject({
  peopleAffected: z.number().int().min(0).max(LIMITS.peopleAffectedMax),
  hoursLostPerWeek: z.number().min(0).max(LIMITS.hoursLostPerWeekMax),
});

export const createRequestSchema = z.strictObject({
  title,
  description: z.string().max(LIMITS.descriptionMax).default(''),
  category: z.string().min(1).max(100),
  urgency: z.enum(URGENCIES),
  impact: impactSchema,
  /** Defaults to the requester's own team. */
  requestingTeam: entityRefSchema.optional(),
  relatedEntities: z
    .array(entityRefSchema)
    .max(LIMITS.relatedEntitiesMax)
    .default([]),
  tags: z.array(tagSchema).max(LIMITS.tagsMax).default([]),
});
export type CreateRequestInput = z.input<typeof createRequestSchema>;
/** A new request as the API takes it, defaults applied. */
export type CreateRequest = z.output<typeof createRequestSchema>;

/** PATCH: the requester's fields while new; assignee for the platform team. */
export const updateRequestSchema = z
  .strictObject({
    title: title.optional(),
    description: z.string().max(LIMITS.descriptionMax).optional(),
    category: z.string().min(1).max(100).optional(),
    urgency: z.enum(URGENCIES).optional(),
    impact: impactSchema.optional(),
    requestingTeam: entityRefSchema.optional(),
    relatedEntities: z
      .array(entityRefSchema)
      .max(LIMITS.relatedEntitiesMax)
      .optional(),
    tags: z.array(tagSchema).max(LIMITS.tagsMax).optional(),
    assignee: entityRefSchema.nullable().optional(),
  })
  .refine(v => Object.keys(v).length > 0, 'nothing to change');
export type UpdateRequestInput = z.input<typeof updateRequestSchema>;
/** A PATCH as the API takes it: the fields sent, and the assignee. */
export type UpdateRequest = z.output<typeof updateRequestSchema>;

export const transitionSchema = z.strictObject({
  to: z.enum(REQUEST_STATUSES),
  comment: z.string().max(LIMITS.commentMax).optional(),
  reason: z.string().max(LIMITS.reasonMax).optional(),
  duplicateOf: requestKeySchema.optional(),
});
/** A status change as the API takes it. */
export type TransitionRequest = z.output<typeof transitionSchema>;

export const commentSchema = z.strictObject({
  body: z.string().trim().min(1, 'must not be empty').max(LIMITS.commentMax),
});

export const ratingSchema = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: z.string().max(LIMITS.reasonMax).optional(),
});

export const SORTS = [
  'priority',
  '-priority',
  'created',
  '-created',
  'updated',
  '-updated',
  'votes',
  '-votes',
] as const;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    v => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    z.array(item).max(20),
  );
const FLAG_VALUES: Record<string, boolean> = {
  true: true,
  '1': true,
  false: false,
  '0': false,
};
/**
 * A yes/no query parameter: true, 1, false or 0 in a query string, a
 * boolean from an action's JSON input (which z.stringbool would refuse).
 */
export const flagSchema = z.preprocess(
  v => (typeof v === 'string' && v in FLAG_VALUES ? FLAG_VALUES[v] : v),
  z.boolean(),
);

/** GET /requests and GET /export: query-string filters, checked against allow-lists. */
export const listQuerySchema = z.strictObject({
  status: csv(z.enum(REQUEST_STATUSES)).optional(),
  category: csv(z.string().min(1).max(100)).optional(),
  urgency: csv(z.enum(URGENCIES)).optional(),
  team: csv(entityRefSchema).optional(),
  assignee: csv(entityRefSchema).optional(),
  entity: entityRefSchema.optional(),
  mine: flagSchema.optional(),
  watching: flagSchema.optional(),
  q: z.string().max(LIMITS.qMax).optional(),
  sort: z.enum(SORTS).default('-priority'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.limitMax).default(25),
});
export type ListQuery = z.output<typeof listQuerySchema>;
/** What a list is narrowed by: the query without its sort and page. */
export type ListQueryFilters = Omit<ListQuery, 'sort' | 'cursor' | 'limit'>;

/** GET /suggestions?title=…: open requests with a similar title. */
export const suggestionQuerySchema = z.strictObject({
  title: z.string().trim().min(3).max(LIMITS.titleMax),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});
