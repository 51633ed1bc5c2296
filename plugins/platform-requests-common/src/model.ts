/*
 * The platform request as the API returns it, and the closed lists its
 * fields take values from.
 */
import type { AddressedBy } from './improvements/model';

export const REQUEST_STATUSES = [
  'new',
  'triaged',
  'planned',
  'in_progress',
  'done',
  'declined',
  'duplicate',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Statuses in which the platform team still owes the requester something. */
export const OPEN_STATUSES: readonly RequestStatus[] = [
  'new',
  'triaged',
  'planned',
  'in_progress',
];

export const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

export type RequestCategory = { id: string; title: string };

/** Used when app-config sets no `platformRequests.categories`. */
export const DEFAULT_CATEGORIES: RequestCategory[] = [
  { id: 'pain-point', title: 'Pain point' },
  { id: 'access', title: 'Access / permissions' },
  { id: 'new-capability', title: 'New capability' },
  { id: 'tooling-bug', title: 'Bug in platform tooling' },
  { id: 'documentation', title: 'Documentation' },
  { id: 'other', title: 'Other' },
];

export type PriorityPart = {
  /** votes | teams | hoursLost | urgency | age */
  factor: string;
  /** The input, e.g. 12 votes or 30 days. */
  value: number;
  weight: number;
  /** value's contribution to the score after normalisation and weighting. */
  points: number;
};

export type Priority = { score: number; parts: PriorityPart[] };

export type SlaClock = {
  targetHours: number;
  dueAt: string;
  /** When the clock stopped (triaged / resolved), if it has. */
  metAt?: string;
  breached: boolean;
};

export type PlatformRequest = {
  /** Short key, e.g. REQ-42. */
  key: string;
  title: string;
  /** Markdown. */
  description: string;
  category: string;
  urgency: Urgency;
  impact: { peopleAffected: number; hoursLostPerWeek: number };
  /** Entity ref of the requesting Group. */
  requestingTeam: string;
  relatedEntities: string[];
  tags: string[];
  status: RequestStatus;
  /** User entity ref of the requester. */
  requester: string;
  /** User entity ref of a platform-team member. */
  assignee: string | null;
  /** Key of the original, when status is duplicate. */
  duplicateOf: string | null;
  declineReason: string | null;
  priority: Priority;
  votes: {
    count: number;
    /** Distinct requesting teams among the voters. */
    teams: number;
    byTeam: Array<{ team: string; count: number }>;
    /** Whether the current user has voted. */
    mine: boolean;
  };
  watchers: { count: number; watching: boolean };
  rating: { score: number; comment: string | null } | null;
  sla: { triage: SlaClock; resolve: SlaClock };
  createdAt: string;
  updatedAt: string;
  /** Incremented on every change; send it back in If-Match. */
  version: number;
  /** The improvements answering it; on a single request, not in lists. */
  addressedBy?: AddressedBy[];
};

export type TimelineEntry = {
  id: string;
  /** created | edited | status-changed | assigned | commented | voted | unvoted | rated | merged */
  type: string;
  actor: string;
  at: string;
  comment: string | null;
  /** Type-specific details, e.g. { from, to } for a status change. */
  details: Record<string, unknown>;
};

export type RequestComment = {
  id: string;
  author: string;
  /** Markdown. */
  body: string;
  createdAt: string;
};

export type RequestList = {
  items: PlatformRequest[];
  nextCursor: string | null;
  /** How many requests match the filters, over all pages. */
  total: number;
};
