/*
 * The query string of every read endpoint. The window ends at `until`
 * (default: now) and reaches back 7, 30, 90 or 365 days; calendar days and
 * weeks are counted in `tz` (an IANA zone, default UTC), so a viewer in
 * Berlin sees Berlin days, daylight saving included.
 */
import { z } from 'zod';
import { fieldsInRange } from './events';

export const WINDOWS = ['7d', '30d', '90d', '365d'] as const;
export type WindowName = (typeof WINDOWS)[number];

export function windowDays(window: WindowName): number {
  return Number(window.slice(0, -1));
}

const entityRef = (kind: string) =>
  z
    .string()
    .max(255)
    .regex(
      new RegExp(`^${kind}:[a-z0-9._-]+/[a-z0-9._-]+$`, 'i'),
      `must be a ${kind} reference like ${kind}:default/${
        kind === 'group' ? 'checkout-team' : 'checkout-api'
      }`,
    )
    .transform(s => s.toLowerCase());

export const groupRefSchema = entityRef('group');
export const componentRefSchema = entityRef('component');

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone like Europe/Berlin or UTC');

function isTimeZone(tz: string): boolean {
  try {
    return Boolean(new Intl.DateTimeFormat('en', { timeZone: tz }));
  } catch {
    return false;
  }
}

const untilSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/,
    'must be an ISO 8601 timestamp with a zone',
  )
  .refine(fieldsInRange, 'is not a valid date')
  .transform(s => Date.parse(s))
  .refine(ms => !Number.isNaN(ms) && ms >= Date.UTC(2000, 0, 1), {
    message: 'must be a date after 2000-01-01',
  })
  .optional();

const base = {
  window: z.enum(WINDOWS).default('90d'),
  until: untilSchema,
  tz: timeZoneSchema.default('UTC'),
};

/** What /dora adds to the four keys on request. */
export const DORA_EXTRAS = ['previous', 'series', 'breakdown'] as const;
export type DoraExtra = (typeof DORA_EXTRAS)[number];

/**
 * GET /dora: the organisation, one team, or one service (not both). The
 * four keys and the tier always; `include=previous,series,breakdown` adds
 * the window before, the trend and the level below (the KPI page asks for
 * all three, a card for none).
 */
export const doraQuerySchema = z
  .strictObject({
    ...base,
    team: groupRefSchema.optional(),
    service: componentRefSchema.optional(),
    include: z
      .string()
      .max(100)
      .transform(s => s.split(',').filter(Boolean))
      .pipe(z.array(z.enum(DORA_EXTRAS)))
      .default([]),
  })
  .refine(q => !(q.team && q.service), {
    message: 'give team or service, not both',
    path: ['service'],
  });

/** GET /flow: the platform team's intake; `team` filters by requesting team. */
export const flowQuerySchema = z.strictObject({
  ...base,
  team: groupRefSchema.optional(),
});

/** GET /adoption: golden-path use, for the organisation or one team. */
export const adoptionQuerySchema = z.strictObject({
  ...base,
  team: groupRefSchema.optional(),
});

/** GET /catalog-health: the latest snapshot and its trend over the window. */
export const catalogHealthQuerySchema = z.strictObject({
  ...base,
  team: groupRefSchema.optional(),
});

export type DoraQuery = z.output<typeof doraQuerySchema>;
export type FlowQuery = z.output<typeof flowQuerySchema>;
export type AdoptionQuery = z.output<typeof adoptionQuerySchema>;
export type CatalogHealthQuery = z.output<typeof catalogHealthQuerySchema>;

/** GET /events: a service's latest deployments and incidents (component card). */
export const recentEventsQuerySchema = z.strictObject({
  service: componentRefSchema,
  type: z.enum(['deployment', 'incident']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type RecentEventsQuery = z.output<typeof recentEventsQuerySchema>;
