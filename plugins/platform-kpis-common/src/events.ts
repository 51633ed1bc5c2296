/*
 * The events CI/CD and incident tools send to POST /api/platform-kpis/events,
 * as zod schemas. The backend validates each item on its own, so a bad item
 * is rejected with the field it got wrong while the rest of the batch is kept.
 */
import { z } from 'zod';

export const INGEST_LIMITS = {
  /** Events in one batch; more is a 413. */
  batchMax: 1000,
  /** Bytes of one request body; more is a 413. */
  bodyBytes: 1024 * 1024,
  idMax: 200,
  commitShasMax: 500,
  /** How far in the future a timestamp may be: clock skew, not more. */
  futureSkewMs: 24 * 60 * 60 * 1000,
} as const;

/** The earliest event time taken; older values are almost always a unit mix-up. */
export const EARLIEST_EVENT_TIME = Date.UTC(2000, 0, 1);

const ISO_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO 8601 timestamp with a zone (`Z` or an offset), parsed to epoch
 * milliseconds. Numbers are refused with a hint, since epoch seconds and
 * milliseconds are easily mixed up; so are dates before 2000 or more than a
 * day in the future (the year 9999, a placeholder, a unit mix-up).
 */
export const timestampSchema = z.unknown().transform((value, ctx): number => {
  if (typeof value === 'number') {
    ctx.addIssue({
      code: 'custom',
      message: `must be an ISO 8601 string with a zone, like 2026-03-01T12:00:00Z; got the number ${value}${
        value > 1e11 ? ' (epoch milliseconds?)' : ' (epoch seconds?)'
      }`,
    });
    return z.NEVER;
  }
  if (typeof value !== 'string') {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an ISO 8601 string with a zone',
    });
    return z.NEVER;
  }
  if (!ISO_WITH_ZONE.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `must be an ISO 8601 timestamp with a zone (Z or ±hh:mm), like 2026-03-01T12:00:00Z; got "${value.slice(
        0,
        40,
      )}"`,
    });
    return z.NEVER;
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !fieldsInRange(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `is not a valid date: "${value}"`,
    });
    return z.NEVER;
  }
  if (
    ms < EARLIEST_EVENT_TIME ||
    ms > Date.now() + INGEST_LIMITS.futureSkewMs
  ) {
    ctx.addIssue({
      code: 'custom',
      message: `must lie between 2000-01-01 and one day from now; got "${value}"`,
    });
    return z.NEVER;
  }
  return ms;
});

/** Date.parse rolls 30 February over to 2 March; this does not. */
export function fieldsInRange(iso: string): boolean {
  const [y, mo, d, h, mi, s] = iso.split(/[-T:.Z+]/).map(Number);
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return (
    mo >= 1 &&
    mo <= 12 &&
    d >= 1 &&
    d <= daysInMonth &&
    h <= 23 &&
    mi <= 59 &&
    (Number.isNaN(s) || s <= 59)
  );
}

export const eventIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(INGEST_LIMITS.idMax)
  .regex(
    /^[\x21-\x7e]+$/,
    'must be printable ASCII without spaces (it is the idempotency key)',
  );

/** A reference to a catalog Component: component:default/checkout-api, or checkout-api. */
export const serviceRefSchema = z
  .string()
  .max(255)
  .regex(
    /^(component:)?([a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/i,
    'must be a Component reference like component:default/checkout-api',
  )
  .transform(normaliseServiceRef);

/** component:default/name, lowercased, whatever short form came in. */
export function normaliseServiceRef(ref: string): string {
  let rest = ref.toLowerCase();
  if (rest.startsWith('component:')) rest = rest.slice('component:'.length);
  if (!rest.includes('/')) rest = `default/${rest}`;
  return `component:${rest}`;
}

const shaSchema = z
  .string()
  .regex(/^[0-9a-f]{7,64}$/i, 'must be a commit SHA (7 to 64 hex digits)')
  .transform(s => s.toLowerCase());

/** Printable text: no control characters (PostgreSQL refuses NUL). */
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .refine(
      s =>
        ![...s].some(c => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
      'must not contain control characters',
    );

/** `source` of the events the demo seeder sends: the UI labels them as demo data. */
export const DEMO_SOURCE = 'lodestar-demo';

/** Which system sent the event, e.g. github-actions. */
const sourceSchema = plainText(100).optional();

export const DEPLOYMENT_STATUSES = ['success', 'failure'] as const;
export const INCIDENT_SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export const CHANGE_KINDS = ['pull_request', 'commit'] as const;

export const deploymentEventSchema = z
  .strictObject({
    id: eventIdSchema,
    type: z.literal('deployment'),
    entityRef: serviceRefSchema,
    environment: plainText(100),
    status: z.enum(DEPLOYMENT_STATUSES),
    startedAt: timestampSchema,
    finishedAt: timestampSchema,
    commitShas: z.array(shaSchema).max(INGEST_LIMITS.commitShasMax).default([]),
    /** The first commit of the changes this deployment ships (lead time starts there). */
    firstCommitAt: timestampSchema.optional(),
    source: sourceSchema,
  })
  .superRefine((e, ctx) => {
    if (e.finishedAt < e.startedAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['finishedAt'],
        message: 'is before startedAt',
      });
    }
    if (e.firstCommitAt !== undefined && e.firstCommitAt > e.finishedAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['firstCommitAt'],
        message: 'is after finishedAt: a deployment cannot ship a later commit',
      });
    }
  });

export const incidentEventSchema = z
  .strictObject({
    id: eventIdSchema,
    type: z.literal('incident'),
    entityRef: serviceRefSchema,
    severity: z.enum(INCIDENT_SEVERITIES).default('sev3'),
    openedAt: timestampSchema,
    /** Absent while the incident is open; send the event again once resolved. */
    resolvedAt: timestampSchema.optional(),
    /** The id of the deployment event that caused it, if known. */
    deploymentId: eventIdSchema.optional(),
    source: sourceSchema,
  })
  .superRefine((e, ctx) => {
    if (e.resolvedAt !== undefined && e.resolvedAt < e.openedAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['resolvedAt'],
        message: 'is before openedAt',
      });
    }
  });

export const changeEventSchema = z
  .strictObject({
    id: eventIdSchema,
    type: z.literal('change'),
    entityRef: serviceRefSchema,
    kind: z.enum(CHANGE_KINDS).default('commit'),
    /** The commit, or the merge commit of a pull request. */
    sha: shaSchema,
    /** When the change was first committed (the first commit of a PR). */
    committedAt: timestampSchema,
    mergedAt: timestampSchema.optional(),
    source: sourceSchema,
  })
  .superRefine((e, ctx) => {
    if (e.mergedAt !== undefined && e.mergedAt < e.committedAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['mergedAt'],
        message: 'is before committedAt',
      });
    }
  });

export const EVENT_TYPES = ['deployment', 'incident', 'change'] as const;
export type KpiEventType = (typeof EVENT_TYPES)[number];

export const EVENT_SCHEMAS = {
  deployment: deploymentEventSchema,
  incident: incidentEventSchema,
  change: changeEventSchema,
} as const;

export type DeploymentEvent = z.output<typeof deploymentEventSchema>;
export type IncidentEvent = z.output<typeof incidentEventSchema>;
export type ChangeEvent = z.output<typeof changeEventSchema>;
export type KpiEvent = DeploymentEvent | IncidentEvent | ChangeEvent;

/** What a client sends; times as ISO strings. */
export type DeploymentEventInput = z.input<typeof deploymentEventSchema>;
export type IncidentEventInput = z.input<typeof incidentEventSchema>;
export type ChangeEventInput = z.input<typeof changeEventSchema>;
export type KpiEventInput =
  | DeploymentEventInput
  | IncidentEventInput
  | ChangeEventInput;

export type IngestStatus = 'accepted' | 'duplicate' | 'rejected';

export type IngestResult = {
  /** The event's id, or null when it had none. */
  id: string | null;
  status: IngestStatus;
  /** Why it was rejected: `events[3].startedAt: must be …`. */
  error?: string;
};

export type IngestResponse = { results: IngestResult[] };

export type ParsedItem =
  | { ok: true; event: KpiEvent }
  | { ok: false; id: string | null; error: string };

/**
 * Validates one item of a batch. The message names the item by index and
 * the field, e.g. `events[3].startedAt: must be an ISO 8601 …`.
 */
export function parseEvent(item: unknown, index: number): ParsedItem {
  const where = `events[${index}]`;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { ok: false, id: null, error: `${where}: must be an object` };
  }
  const raw = item as Record<string, unknown>;
  const id = typeof raw.id === 'string' ? raw.id : null;
  if (raw.id === undefined) {
    return { ok: false, id: null, error: `${where}.id: is required` };
  }
  const type = raw.type;
  if (
    typeof type !== 'string' ||
    !(EVENT_TYPES as readonly string[]).includes(type)
  ) {
    return {
      ok: false,
      id,
      error: `${where}.type: must be one of ${EVENT_TYPES.join(
        ', ',
      )}; got ${JSON.stringify(type ?? null)?.slice(0, 60)}`,
    };
  }
  const parsed = EVENT_SCHEMAS[type as KpiEventType].safeParse(raw);
  if (parsed.success) return { ok: true, event: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue.path.map(p =>
    typeof p === 'number' ? `[${p}]` : `.${String(p)}`,
  );
  return {
    ok: false,
    id,
    error: `${where}${path.join('')}: ${issue.message}`,
  };
}
