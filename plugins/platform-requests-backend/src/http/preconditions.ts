/*
 * Request headers that make changes safe to race and to retry. Optimistic
 * concurrency: responses carry `ETag: "<version>"`, changes send it back in
 * If-Match; a missing If-Match where it is required is a 428, a stale one
 * becomes a 412 in the store. Idempotency-Key makes filing a request safe
 * to retry.
 */
import { InputError } from '@backstage/errors';
import { Request, Response } from 'express';
import { PreconditionRequiredError } from '../errors';

export function setETag(res: Response, version: number) {
  res.setHeader('ETag', `"${version}"`);
}

export function readIfMatch(req: Request, required: true): number;
export function readIfMatch(req: Request, required: false): number | undefined;
export function readIfMatch(req: Request, required: boolean) {
  const header = req.header('if-match');
  if (header === undefined || header.trim() === '') {
    if (!required) return undefined;
    throw new PreconditionRequiredError(
      'If-Match is required: send the ETag of the request you read, e.g. If-Match: "3"',
    );
  }
  const match = /^\s*(?:W\/)?"?([1-9][0-9]{0,9})"?\s*$/.exec(header);
  if (!match) {
    throw new InputError(
      'If-Match: must be the ETag of the request you read, e.g. "3"',
    );
  }
  return Number(match[1]);
}

/**
 * The optional Idempotency-Key of POST /requests: 1 to 200 visible ASCII
 * characters (a UUID, typically), chosen by the client per request it means
 * to file.
 */
export function readIdempotencyKey(req: Request): string | undefined {
  const header = req.header('idempotency-key');
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new InputError(
      'Idempotency-Key: must be 1 to 200 visible ASCII characters, e.g. a UUID',
    );
  }
  return header;
}
