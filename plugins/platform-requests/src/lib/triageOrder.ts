/*
 * The order of cards in a triage column: highest priority first, and among
 * equal priorities the one closest to (or furthest past) its SLA first.
 */
import { PlatformRequest } from '@internal/plugin-platform-requests-common';

/**
 * When the request's next running SLA clock is due, in epoch ms: the triage
 * clock until it is triaged, then the resolve clock. Infinity once both
 * stopped, so a resolved request never outranks an open one on risk.
 */
export function slaDueAt(request: PlatformRequest): number {
  const running = [request.sla.triage, request.sla.resolve].filter(
    clock => !clock.metAt,
  );
  if (running.length === 0) return Infinity;
  return Math.min(...running.map(clock => Date.parse(clock.dueAt)));
}

export function byUrgency(a: PlatformRequest, b: PlatformRequest): number {
  const priority = b.priority.score - a.priority.score;
  if (priority !== 0) return priority;
  const due = slaDueAt(a) - slaDueAt(b);
  // Infinity - Infinity: neither has a clock running.
  return Number.isNaN(due) ? 0 : due;
}

/** A sorted copy; equal requests keep the server's order. */
export function inTriageOrder(requests: PlatformRequest[]): PlatformRequest[] {
  return [...requests].sort(byUrgency);
}
