/*
 * SLA targets per urgency: hours until a new request is triaged, and until
 * it is resolved (done, declined or marked duplicate).
 */
import { SlaClock, Urgency } from './model';

export type SlaTargets = Record<
  Urgency,
  { triageHours: number; resolveHours: number }
>;

export const DEFAULT_SLA_TARGETS: SlaTargets = {
  critical: { triageHours: 4, resolveHours: 72 },
  high: { triageHours: 24, resolveHours: 14 * 24 },
  medium: { triageHours: 3 * 24, resolveHours: 30 * 24 },
  low: { triageHours: 5 * 24, resolveHours: 90 * 24 },
};

export function slaClock(
  startedAt: Date,
  targetHours: number,
  metAt: Date | null,
  now: Date = new Date(),
): SlaClock {
  const due = new Date(startedAt.getTime() + targetHours * 3_600_000);
  const end = metAt ?? now;
  return {
    targetHours,
    dueAt: due.toISOString(),
    ...(metAt ? { metAt: metAt.toISOString() } : {}),
    breached: end.getTime() > due.getTime(),
  };
}
