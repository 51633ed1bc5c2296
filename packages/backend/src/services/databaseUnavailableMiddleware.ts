/*
 * Express error middleware that turns "database unavailable" errors into a
 * 503 with Retry-After, and passes every other error on untouched. It goes
 * right before Backstage's own error middleware, which then writes the
 * usual body: { error: { name, message }, request, response: { statusCode } }.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ErrorRequestHandler } from 'express';
import {
  DatabaseKind,
  RETRY_AFTER_SECONDS,
  toServiceUnavailable,
} from './databaseUnavailable';

export function databaseUnavailableMiddleware(
  logger: LoggerService,
  db: DatabaseKind = { networked: true },
): ErrorRequestHandler {
  return (error, _req, res, next) => {
    const unavailable = toServiceUnavailable(error, db);
    if (!unavailable) {
      next(error);
      return;
    }
    // The 503 names only the reason; the original (with its SQL) goes to
    // the log.
    logger.warn(`${unavailable.message} (${String(error?.message ?? error)})`);
    if (!res.headersSent) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    next(unavailable);
  };
}
