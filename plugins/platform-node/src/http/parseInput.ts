/*
 * Every input passes one of the common packages' zod schemas here. A failure
 * becomes a 400 whose message names the field ("title: must be at least 3
 * characters", "window: Invalid option …", "sort: unknown parameter"), so
 * the UI can put it next to the right input.
 */
import { InputError } from '@backstage/errors';
import { z } from 'zod';

export type InputSource = 'body' | 'query' | 'path';

export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  source: InputSource,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(describeIssues(result.error.issues, source));
  }
  const badText = findBadText(result.data);
  if (badText) throw new InputError(badText);
  return result.data;
}

function describeIssues(issues: z.core.$ZodIssue[], source: InputSource) {
  return issues
    .slice(0, 5)
    .map(issue => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        const what = source === 'query' ? 'parameter' : 'field';
        return issue.keys
          .map(k => `${path ? `${path}.` : ''}${k}: unknown ${what}`)
          .join('; ');
      }
      if (path) return `${path}: ${issue.message}`;
      // A rule over the whole query string (e.g. from before to).
      return source === 'query' ? `query: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * Text must survive the database exactly: PostgreSQL rejects NUL, and
 * unpaired UTF-16 surrogates would come back as U+FFFD from either database.
 */
function findBadText(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      return `${path.join('.') || 'value'}: must not contain NUL characters`;
    }
    if (!value.isWellFormed()) {
      return `${path.join('.') || 'value'}: must be valid Unicode text`;
    }
    return undefined;
  }
  if (Array.isArray(value) || isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const problem = findBadText(v, [...path, k]);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Parsed input only: class instances (dates, times) are not walked. */
function isPlainObject(value: unknown): value is object {
  if (!value || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
