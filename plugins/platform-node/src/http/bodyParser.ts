/*
 * Bodies up to a limit each plugin chooses; anything bigger is refused with
 * a 413 before it is read whole, with a message that says what to do.
 */
import express, { ErrorRequestHandler } from 'express';
import { PayloadTooLargeError } from '../errors';

/** JSON bodies up to `limit` (bytes, or a size such as '160kb'). */
export function jsonBody(limit: number | string) {
  return express.json({ limit });
}

/**
 * Raw bytes of any content type (webhooks: signatures are over the bytes as
 * sent, and not every sender says application/json).
 */
export function rawBody(limit: number | string) {
  return express.raw({ type: () => true, limit });
}

/** Turns body-parser's "too large" into a 413 with `message`. */
export function bodyTooLarge(message: string): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    if (error?.type === 'entity.too.large') {
      next(new PayloadTooLargeError(message));
    } else {
      next(error);
    }
  };
}
