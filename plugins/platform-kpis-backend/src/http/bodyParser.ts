/*
 * Bodies up to INGEST_LIMITS.bodyBytes (1 MB), for POST /events (JSON) and
 * the webhooks (raw bytes: signatures are over the bytes as sent; GitHub
 * puts at most 20 commits in a push, far below the limit). Anything bigger
 * is refused with a 413 before it is read whole.
 */
import { INGEST_LIMITS } from '@internal/plugin-platform-kpis-common';
import express, { ErrorRequestHandler } from 'express';
import { PayloadTooLargeError } from '../errors';

export const ingestBody = express.json({ limit: INGEST_LIMITS.bodyBytes });

/** Any content type: GitLab and PagerDuty do not all send application/json. */
export const webhookBody = express.raw({
  type: () => true,
  limit: INGEST_LIMITS.bodyBytes,
});

/** Turns body-parser's "too large" into a 413 that says what to do. */
export const bodyTooLarge: ErrorRequestHandler = (error, _req, _res, next) => {
  if (error?.type === 'entity.too.large') {
    next(
      new PayloadTooLargeError(
        `request body is larger than ${INGEST_LIMITS.bodyBytes} bytes (1 MB); send smaller batches or deliveries`,
      ),
    );
  } else {
    next(error);
  }
};
