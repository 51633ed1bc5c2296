/*
 * HTTP statuses that @backstage/errors has no class for, shared by the
 * backend plugins. The backend's error middleware takes the status from
 * `statusCode`, so these are thrown like any other error.
 */
import { CustomErrorBase } from '@backstage/errors';

/** 413: the body (or batch) is larger than any valid one could be. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}
