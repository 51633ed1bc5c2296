/*
 * JSON bodies of POST /events up to INGEST_LIMITS.bodyBytes (1 MB); anything
 * bigger is refused with a 413 before parsing.
 */
import { INGEST_LIMITS } from '@internal/plugin-platform-kpis-common';
import express, { ErrorRequestHandler } from 'express';
import { PayloadTooLargeError } from '../errors';

export const ingestBody = express.json({ limit: INGEST_LIMITS.bodyBytes });

/** Turns body-parser's "too large" into a 413 that says what to do. */
export const bodyTooLarge: ErrorRequestHandler = (error, _req, _res, next) => {
  if (error?.type === 'entity.too.large') {
    next(
      new PayloadTooLargeError(
        `request body is larger than ${INGEST_LIMITS.bodyBytes} bytes (1 MB); send smaller batches`,
      ),
    );
  } else {
    next(error);
  }
};
