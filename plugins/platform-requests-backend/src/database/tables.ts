/*
 * Row shapes of the plugin's tables and the conversions every query needs.
 * Timestamps are written as ISO strings; PostgreSQL hands them back as Date
 * and SQLite as the string, so reads go through `toIso`.
 */
import {
  RequestStatus,
  Urgency,
} from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import type { StoredRequest } from './RequestStore';
import type { PriorityFacts } from './requestViews';

export type RequestRow = {
  id: number;
  title: string;
  description: string;
  category: string;
  urgency: Urgency;
  people_affected: number;
  hours_lost_per_week: number;
  requesting_team: string;
  /** JSON array. */
  tags: string;
  status: RequestStatus;
  requester: string;
  assignee: string | null;
  duplicate_of: number | null;
  decline_reason: string | null;
  priority_score: number;
  vote_count: number;
  team_count: number;
  rating: number | null;
  rating_comment: string | null;
  rated_at: string | Date | null;
  created_at: string | Date;
  updated_at: string | Date;
  opened_at: string | Date;
  triaged_at: string | Date | null;
  resolved_at: string | Date | null;
  version: number;
};

/** Every column but PostgreSQL's generated search_vector. */
export const REQUEST_COLUMNS: Array<keyof RequestRow> = [
  'id',
  'title',
  'description',
  'category',
  'urgency',
  'people_affected',
  'hours_lost_per_week',
  'requesting_team',
  'tags',
  'status',
  'requester',
  'assignee',
  'duplicate_of',
  'decline_reason',
  'priority_score',
  'vote_count',
  'team_count',
  'rating',
  'rating_comment',
  'rated_at',
  'created_at',
  'updated_at',
  'opened_at',
  'triaged_at',
  'resolved_at',
  'version',
];

export const requestColumns = REQUEST_COLUMNS.map(c => `requests.${c}`);

/** A row as the rest of the plugin sees it (StoredRequest). */
export function toStored(row: RequestRow): StoredRequest {
  return {
    id: row.id,
    key: keyOf(row.id),
    title: row.title,
    description: row.description,
    category: row.category,
    urgency: row.urgency,
    impact: {
      peopleAffected: row.people_affected,
      hoursLostPerWeek: row.hours_lost_per_week,
    },
    requestingTeam: row.requesting_team,
    tags: JSON.parse(row.tags),
    status: row.status,
    requester: row.requester,
    assignee: row.assignee,
    duplicateOf: row.duplicate_of ? keyOf(row.duplicate_of) : null,
    declineReason: row.decline_reason,
    priorityScore: row.priority_score,
    voteCount: row.vote_count,
    teamCount: row.team_count,
    rating: row.rating,
    ratingComment: row.rating_comment,
    ratedAt: toIso(row.rated_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    openedAt: toIso(row.opened_at),
    triagedAt: toIso(row.triaged_at),
    resolvedAt: toIso(row.resolved_at),
    version: row.version,
  };
}

/** What the priority of a row depends on (a row may hold only these). */
export function priorityFacts(
  row: Pick<
    RequestRow,
    | 'vote_count'
    | 'team_count'
    | 'hours_lost_per_week'
    | 'urgency'
    | 'created_at'
    | 'resolved_at'
  >,
): PriorityFacts {
  return {
    voteCount: row.vote_count,
    teamCount: row.team_count,
    hoursLostPerWeek: row.hours_lost_per_week,
    urgency: row.urgency,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
  };
}

export type TimelineRow = {
  id: number;
  request_id: number;
  type: string;
  actor: string;
  at: string | Date;
  comment: string | null;
  details: string;
};

export type CommentRow = {
  id: number;
  request_id: number;
  author: string;
  body: string;
  created_at: string | Date;
};

export function keyOf(id: number): string {
  return `REQ-${id}`;
}

/** REQ-42 → 42. The key has been validated by requestKeySchema. */
export function idOf(key: string): number {
  return Number(key.slice('REQ-'.length));
}

export function toIso(value: string | Date | number): string;
export function toIso(
  value: string | Date | number | null | undefined,
): string | null;
export function toIso(
  value: string | Date | number | null | undefined,
): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function toDate(value: string | Date): Date;
export function toDate(value: string | Date | null): Date | null;
export function toDate(value: string | Date | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}

/** count(*) comes back as a string from PostgreSQL, a number from SQLite. */
export function toNumber(value: unknown): number {
  return Number(value ?? 0);
}

export function isPostgres(knex: Knex): boolean {
  return knex.client.config.client === 'pg';
}
