/*
 * Every refusal (403) leaves an auditor event naming the actor (from the
 * request's credentials), the action (method and route) and the target
 * (the request key). Error middleware: it sees the NotAllowedError before
 * the backend's error handler answers with it.
 */
import { AuditorService } from '@backstage/backend-plugin-api';
import { NextFunction, Request, Response } from 'express';

export function auditRefusals(auditor: AuditorService) {
  return async (
    error: Error,
    req: Request,
    _res: Response,
    next: NextFunction,
  ) => {
    if (error?.name === 'NotAllowedError') {
      const key = req.path.match(/^\/requests\/([^/]+)/)?.[1];
      const event = await auditor.createEvent({
        eventId: 'permission-denied',
        severityLevel: 'medium',
        request: req,
        meta: {
          action: `${req.method} ${req.path.replace(key ?? '', ':key')}`,
          target: key ?? 'platform requests',
        },
      });
      await event.fail({ error });
    }
    next(error);
  };
}
