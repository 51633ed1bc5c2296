/*
 * JSON bodies up to a limit that still fits the largest valid request (a
 * 20,000-character description even with every character \u-escaped, plus
 * the other fields); anything bigger is refused with a 413 before parsing.
 */
import express, { ErrorRequestHandler } from 'express';
import { PayloadTooLargeError } from '../errors';

export const BODY_LIMIT = '160kb';

export const jsonBody = express.json({ limit: BODY_LIMIT });

/** Turns body-parser's "too large" into a 413 that says what to do. */
export const bodyTooLarge: ErrorRequestHandler = (error, _req, _res, next) => {
  if (error?.type === 'entity.too.large') {
    next(
      new PayloadTooLargeError(
        `request body is larger than the ${BODY_LIMIT} limit; descriptions and comments are limited to 20,000 characters`,
      ),
    );
  } else {
    next(error);
  }
};
