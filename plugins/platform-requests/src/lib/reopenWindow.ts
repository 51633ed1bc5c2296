/*
 * Until when a requester may reopen a closed request: the backend allows it
 * for `reopenWindowDays` after resolution (when the resolution SLA clock
 * stopped). Unknown inputs mean "let the server decide".
 */
import { PlatformRequest } from '@internal/plugin-platform-requests-common';

export function reopenDeadline(
  request: PlatformRequest,
  windowDays: number | undefined,
): Date | undefined {
  const resolvedAt = request.sla.resolve.metAt;
  if (windowDays === undefined || !resolvedAt) return undefined;
  return new Date(new Date(resolvedAt).getTime() + windowDays * 86_400_000);
}

export function canStillReopen(
  request: PlatformRequest,
  windowDays: number | undefined,
  now: Date = new Date(),
): boolean {
  const deadline = reopenDeadline(request, windowDays);
  return !deadline || now.getTime() <= deadline.getTime();
}
