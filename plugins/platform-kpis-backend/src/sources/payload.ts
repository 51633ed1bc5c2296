/*
 * Reading deliveries: headers, zod parsing of the parts of a payload the
 * portal uses (a malformed one is an InputError naming the event and the
 * field, `deployment_status.deployment.sha: is required`), and the field
 * types every source shares.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { InputError } from '@backstage/errors';
import {
  INGEST_LIMITS,
  timestampSchema,
} from '@internal/plugin-platform-kpis-common';
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** A header's value; the first when it came more than once. */
export function header(
  headers: IncomingHttpHeaders,
  name: string,
): string | undefined {
  const value = headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

/**
 * The part of `payload` that `schema` describes, or an InputError naming
 * `event` (when the path alone would not say which payload) and the path.
 */
export function readPayload<S extends z.ZodType>(
  schema: S,
  payload: unknown,
  event: string,
): z.output<S> {
  const parsed = schema.safeParse(payload, { error: plainMessage });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue.path
    .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('');
  const where = event ? `${event}${path}` : path.replace(/^\./, '');
  throw new InputError(`${where || 'body'}: ${issue.message}`);
}

function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined || issue.input === null) return 'is required';
  const article = /^[aeiou]/.test(issue.expected) ? 'an' : 'a';
  return `must be ${article} ${issue.expected}`;
}

const GITLAB_TIME =
  /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) ?(UTC|[+-]\d{2}:?\d{2})$/;

/**
 * A timestamp as the event schemas take it (ISO 8601 with a zone). GitLab
 * writes many of its times as `2021-04-28 21:50:00 +0200` or
 * `2017-09-15 16:52:00 UTC`; those are rewritten to ISO first.
 */
export const eventTime = z.string().transform((value, ctx) => {
  const m = GITLAB_TIME.exec(value.trim());
  const iso = m ? `${m[1]}T${m[2]}${m[3] === 'UTC' ? 'Z' : m[3]}` : value;
  const checked = timestampSchema.safeParse(iso);
  if (!checked.success) {
    ctx.addIssue({ code: 'custom', message: checked.error.issues[0].message });
    return z.NEVER;
  }
  return iso;
});

/** A full commit SHA, lowercased. */
export const commitSha = z
  .string()
  .regex(/^[0-9a-f]{7,64}$/i, 'must be a commit SHA (7 to 64 hex digits)')
  .transform(s => s.toLowerCase());

/**
 * An event id from its parts: stable for the same object, so redeliveries
 * store once. Within the store's length limit; a longer one keeps its
 * readable start and ends in a hash of the whole.
 */
export function eventId(...parts: Array<string | number>): string {
  const id = parts.join(':').replace(/[^\x21-\x7e]/g, '_');
  if (id.length <= INGEST_LIMITS.idMax) return id;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 32);
  return `${id.slice(0, INGEST_LIMITS.idMax - hash.length - 1)}~${hash}`;
}
