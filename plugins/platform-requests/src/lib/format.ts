/*
 * How the request's closed lists and numbers read on screen, kept in one
 * place so the list, the board and the request page say the same thing.
 * Numbers and dates go through the person's LocaleFormat
 * (@internal/lodestar-react's useLocaleFormat).
 */
import { LocaleFormat } from '@internal/lodestar-react';
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
export function formatAge(
  iso: string,
  format: LocaleFormat,
  now: Date = new Date(),
): string {
  const minutes = Math.max(
    0,
    Math.floor((now.getTime() - new Date(iso).getTime()) / 60_000),
  );
  if (minutes < 60) return `${format.number(minutes)}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${format.number(hours)}h`;
  return `${format.number(Math.floor(hours / 24))}d`;
}

/** "12.5": a priority score or its points, one decimal. */
export function formatScore(score: number, format: LocaleFormat): string {
  return format.number(score, { fractionDigits: 1 });
}

/** "7", "1,204 votes": a count, with its noun when one is given. */
export function formatCount(
  count: number,
  format: LocaleFormat,
  noun?: string,
): string {
  const n = format.number(count);
  return noun ? `${n} ${noun}${count === 1 ? '' : 's'}` : n;
}

/** "7 votes · 3 teams" */
export function formatVotes(
  votes: PlatformRequest['votes'],
  format: LocaleFormat,
): string {
  return `${formatCount(votes.count, format, 'vote')} · ${formatCount(
    votes.teams,
    format,
    'team',
  )}`;
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
export function factorValue(
  part: PriorityPart,
  urgency: Urgency,
  format: LocaleFormat,
): string {
  switch (part.factor) {
    case 'votes':
      return formatCount(part.value, format, 'vote');
    case 'teams':
      return formatCount(part.value, format, 'team');
    case 'hoursLost':
      return `${format.number(part.value)} h/week`;
    case 'urgency':
      return URGENCY_LABELS[urgency];
    case 'age':
      return formatCount(Math.round(part.value), format, 'day');
    default:
      return format.number(part.value);
  }
}
