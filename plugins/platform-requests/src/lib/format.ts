/*
 * How the request's closed lists and numbers read on screen, kept in one
 * place so the list, the board and the request page say the same thing.
 */
import {
  PlatformRequest,
  PriorityPart,
  RequestCategory,
  Urgency,
} from '@internal/plugin-platform-requests-common';

export const URGENCY_LABELS: Record<Urgency, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export function categoryTitle(
  id: string,
  categories: RequestCategory[] | undefined,
): string {
  return categories?.find(c => c.id === id)?.title ?? id;
}

/** "5m", "3h", "12d": the age of a request at a glance. */
export function formatAge(iso: string, now: Date = new Date()): string {
  const minutes = Math.max(
    0,
    Math.floor((now.getTime() - new Date(iso).getTime()) / 60_000),
  );
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** "7 votes · 3 teams" */
export function formatVotes(votes: PlatformRequest['votes']): string {
  const v = `${votes.count} vote${votes.count === 1 ? '' : 's'}`;
  const t = `${votes.teams} team${votes.teams === 1 ? '' : 's'}`;
  return `${v} · ${t}`;
}

/** Which SLA clocks a request has overrun, in words; empty when none. */
export function slaBreaches(request: PlatformRequest): string[] {
  const breaches: string[] = [];
  if (request.sla.triage.breached) breaches.push('triage');
  if (request.sla.resolve.breached) breaches.push('resolution');
  return breaches;
}

const FACTOR_LABELS: Record<string, string> = {
  votes: 'Votes',
  teams: 'Teams voting',
  hoursLost: 'Hours lost per week',
  urgency: 'Urgency',
  age: 'Age',
};

export function factorLabel(factor: string): string {
  return FACTOR_LABELS[factor] ?? factor;
}

/** The input of one priority factor, e.g. "12 votes", "30 days", "high". */
export function factorValue(part: PriorityPart, urgency: Urgency): string {
  switch (part.factor) {
    case 'votes':
      return `${part.value} vote${part.value === 1 ? '' : 's'}`;
    case 'teams':
      return `${part.value} team${part.value === 1 ? '' : 's'}`;
    case 'hoursLost':
      return `${part.value} h/week`;
    case 'urgency':
      return URGENCY_LABELS[urgency];
    case 'age':
      return `${Math.round(part.value)} day${
        Math.round(part.value) === 1 ? '' : 's'
      }`;
    default:
      return String(part.value);
  }
}
