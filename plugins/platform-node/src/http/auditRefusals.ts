/*
 * Every refusal (403) leaves a `permission-denied` auditor event naming the
 * actor, the action, the target and, where the refusal names one, the
 * permission. Routes get it from error middleware (it sees the
 * NotAllowedError before the backend's error handler answers with it, and
 * the auditor takes the actor from the request's credentials); actions,
 * which have no request, name the actor themselves.
 */
import { AuditorService } from '@backstage/backend-plugin-api';
import { NextFunction, Request, Response } from 'express';
import { PermissionRefusedError } from '../permissions/refusal';

export type RefusalTarget = { action: string; target: string };

/** Records the refusal; other errors leave no event. */
export async function auditRefusal(
  auditor: AuditorService,
  error: unknown,
  where: RefusalTarget & { request?: Request; actor?: string },
): Promise<void> {
  if ((error as Error)?.name !== 'NotAllowedError') return;
  const { request, ...named } = where;
  const event = await auditor.createEvent({
    eventId: 'permission-denied',
    severityLevel: 'medium',
    ...(request ? { request } : {}),
    meta: { ...named, ...refusedPermission(error) },
  });
  await event.fail({ error: error as Error });
}

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
    await auditRefusal(auditor, error, { ...describe(req), request: req });
    next(error);
  };
}

/** The permission a refusal names, when it names one. */
function refusedPermission(error: unknown): { permission?: string } {
  return error instanceof PermissionRefusedError
    ? { permission: error.permission }
    : {};
}
