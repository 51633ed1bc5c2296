/*
 * Every refusal (403) leaves an auditor event naming the actor (from the
 * request's credentials), the action and the target (the route). Error
 * middleware: it sees the NotAllowedError before the backend's error
 * handler answers with it.
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
      const event = await auditor.createEvent({
        eventId: 'permission-denied',
        severityLevel: 'medium',
        request: req,
        meta: {
          action: `${req.method} ${req.path}`,
          target: `platform-kpis${req.path}`,
        },
      });
      await event.fail({ error });
    }
    next(error);
  };
}
