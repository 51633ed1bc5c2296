/*
 * What the requests UI reads from a failed call besides its message (that
 * is errorMessage of @internal/lodestar-react): the status, and whether the
 * request changed meanwhile.
 */
import { ResponseError } from '@backstage/errors';

export function errorStatus(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}

/** 412: the If-Match version is no longer the current one. */
export function isStaleVersion(error: unknown): boolean {
  return errorStatus(error) === 412;
}
