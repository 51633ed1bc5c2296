/*
 * The time a write happens at. Always now, except in the embedded default's
 * demo (`lodestar.demo.backdating: true`, which the backend's preflight
 * refuses under a production config): there the demo seeder posts a year of
 * history through the public APIs, and a request may say when it happened
 * with the `x-lodestar-demo-at` header. Routers call the clock once per write
 * and pass the time down, so a store never reads the wall clock itself.
 */
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { Request } from 'express';

export const DEMO_AT_HEADER = 'x-lodestar-demo-at';
export const DEMO_BACKDATING_KEY = 'lodestar.demo.backdating';

export type RequestClock = (req: Request) => Date;

export function createRequestClock(
  config: Config,
  now: () => Date = () => new Date(),
): RequestClock {
  if (!config.getOptionalBoolean(DEMO_BACKDATING_KEY)) return () => now();
  return req => {
    const header = req.header(DEMO_AT_HEADER);
    if (header === undefined) return now();
    const at = new Date(header);
    const current = now();
    if (!/^\d{4}-\d{2}-\d{2}T/.test(header) || Number.isNaN(at.getTime())) {
      throw new InputError(
        `${DEMO_AT_HEADER}: must be an ISO 8601 date-time, got "${header}"`,
      );
    }
    if (at.getTime() > current.getTime()) {
      throw new InputError(`${DEMO_AT_HEADER}: must not be in the future`);
    }
    return at;
  };
}
