/*
 * Errors the plugin throws beyond @backstage/errors. The backend's error
 * middleware takes the status from `statusCode` (or the name), so these are
 * thrown like any other error and never answered by hand.
 */
import { InputError } from '@backstage/errors';
import { IngestResult } from '@internal/plugin-platform-kpis-common';

/**
 * 400 for a batch with rejected items. The valid items are stored; the body
 * carries the per-item `results` beside the usual error (http/rejectedEvents.ts
 * renders it), so a CI system learns which items to fix.
 */
export class RejectedEventsError extends InputError {
  constructor(message: string, readonly results: IngestResult[]) {
    super(message);
  }
}
