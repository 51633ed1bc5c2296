/*
 * Every refusal (403) leaves an auditor event naming the actor (from the
 * request's credentials), the action and the target. Error middleware: it
 * sees the NotAllowedError before the backend's error handler answers with
 * it. Each plugin says how its routes name action and target.
 */
import { AuditorService } from '@backstage/backend-plugin-api';
import { NextFunction, Request, Response } from 'express';

export type RefusalTarget = { action: string; target: string };

export function auditRefusals(
  auditor: AuditorService,
  describe: (req: Request) => RefusalTarget,
) {
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
        meta: describe(req),
      });
      await event.fail({ error });
    }
    next(error);
  };
}
