/*
 * Query strings pass the common package's zod schemas here; a failure is a
 * 400 that names the parameter ("window: Invalid option …", "sort: unknown
 * parameter"). Every parameter is an enum, a checked ref, a zone, a number
 * or a timestamp, so nothing free-form reaches SQL.
 */
import { InputError } from '@backstage/errors';
import { z } from 'zod';

export function parseQuery<S extends z.ZodType>(
  schema: S,
  query: unknown,
): z.output<S> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  throw new InputError(
    result.error.issues
      .slice(0, 5)
      .flatMap(issue =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map(key => `${key}: unknown parameter`)
          : [
              `${issue.path.map(String).join('.') || 'query'}: ${
                issue.message
              }`,
            ],
      )
      .join('; '),
  );
}
