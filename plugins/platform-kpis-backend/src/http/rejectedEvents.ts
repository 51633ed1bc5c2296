/*
 * Renders a RejectedEventsError as the backend's error middleware would
 * render any InputError ({ error, request, response }), plus the per-item
 * `results`. Every other error goes on to the middleware.
 */
import { ErrorRequestHandler } from 'express';
import { RejectedEventsError } from '../errors';

export const renderRejectedEvents: ErrorRequestHandler = (
  error,
  req,
  res,
  next,
) => {
  if (!(error instanceof RejectedEventsError) || res.headersSent) {
    next(error);
    return;
  }
  res.status(400).json({
    error: { name: error.name, message: error.message },
    request: { method: req.method, url: req.url },
    response: { statusCode: 400 },
    results: error.results,
  });
};
