/*
 * Turns what an API client throws into the sentence a person should read:
 * the server's own message for a ResponseError (e.g. "window: must be one of
 * 7d, 30d, 90d, 365d", "cannot move a done request to planned; allowed:
 * new"), the plain message otherwise.
 */
import { ResponseError } from '@backstage/errors';

export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.body?.error?.message || error.cause?.message || error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
