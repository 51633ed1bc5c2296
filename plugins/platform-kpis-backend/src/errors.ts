/*
 * 413, which @backstage/errors has no class for. The backend's error
 * middleware takes the status from `statusCode`.
 */
import { CustomErrorBase } from '@backstage/errors';

/** 413: more events or bytes than a batch may hold. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}
