/*
 * Turns what the client throws into the sentence a person should read: the
 * server's own message for a ResponseError (e.g. "cannot move a done request
 * to planned; allowed: new"), the plain message otherwise.
 */
import { ResponseError } from '@backstage/errors';

export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.body?.error?.message || error.cause?.message || error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

export function errorStatus(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}

/** 412: the If-Match version is no longer the current one. */
export function isStaleVersion(error: unknown): boolean {
  return errorStatus(error) === 412;
}
