/*
 * What the rest of the plugin needs from storage, and the shapes it trades
 * in. DatabaseRequestStore is the one implementation (SQLite and
 * PostgreSQL through knex).
 */
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  CreateRequest,
  RequestComment,
  RequestStatus,
  TimelineEntry,
  TransitionRequest,
  Urgency,
} from '@internal/plugin-platform-requests-common';
import { RequestFilter, RequestResource } from '../permissions/resource';
import { Sort } from './cursor';
import { ListFilters, ListOptions } from './listQuery';
import { Participation, ViewSettings } from './requestViews';
import { TextSearch } from './textSearch';

export type StoreSettings = ViewSettings;

/**
 * A request as the store hands it out: the row in the API's names, with
 * its key, times as ISO strings and tags parsed. Rows (snake_case) do not
 * leave database/.
 */
export type StoredRequest = {
  id: number;
  key: string;
  title: string;
  description: string;
  category: string;
  urgency: Urgency;
  impact: { peopleAffected: number; hoursLostPerWeek: number };
  requestingTeam: string;
  tags: string[];
  status: RequestStatus;
  requester: string;
  assignee: string | null;
  /** Key of the original, when status is duplicate. */
  duplicateOf: string | null;
  declineReason: string | null;
  priorityScore: number;
  voteCount: number;
  teamCount: number;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
  createdAt: string;
  updatedAt: string;
  openedAt: string;
  triagedAt: string | null;
  resolvedAt: string | null;
  version: number;
};

/** Who makes a change. `team` is stored with their votes. */
export type Actor = {
  userRef: string;
  team: string | null;
  /** When they acted: now, unless the demo seeder backdates the write (createRequestClock). */
  at?: Date;
};

/** The API's input, with the requesting team settled. */
export type NewRequest = Omit<CreateRequest, 'requestingTeam'> & {
  requestingTeam: string;
};

/** A client's Idempotency-Key and the hash of what it sent with it. */
export type Idempotency = { key: string; hash: string };

export type EditCommand = {
  expectedVersion: number;
  fields: Partial<NewRequest>;
  /** undefined leaves the assignee alone; null unassigns. */
  assignee?: string | null;
  /** A conditional decision on who may edit, applied in the UPDATE. */
  permissionFilter?: PermissionCriteria<RequestFilter>;
  /** Requesters edit only while the request is new. */
  onlyWhileNew: boolean;
};

export type TransitionCommand = TransitionRequest & {
  expectedVersion?: number;
  /** Set when a requester, not the platform team, reopens. */
  requesterReopen?: {
    permissionFilter?: PermissionCriteria<RequestFilter>;
    windowDays: number;
  };
};

/** The outcome of a change, for the response, events and notifications. */
export type Change = {
  /** When it happened (ISO). */
  at: string;
  previous: StoredRequest;
  request: StoredRequest;
  /** Who watches the request (for a duplicate: watched, before the merge). */
  watchers: string[];
  /** For edits: the fields that changed. */
  fields?: string[];
  /** Set when votes and watchers moved to an original. */
  merged?: {
    original: StoredRequest;
    votesMoved: number;
    watchersMoved: number;
  };
};

export type ListPage = { rows: StoredRequest[]; nextCursor: string | null };

export interface RequestStore {
  readonly textSearch: TextSearch;

  get(key: string): Promise<StoredRequest | undefined>;
  getMany(ids: number[]): Promise<StoredRequest[]>;
  getResources(keys: string[]): Promise<Array<RequestResource | undefined>>;
  list(
    options: ListOptions,
    viewer: string | undefined,
    now?: Date,
  ): Promise<ListPage>;
  /** How many rows `list` would return over all its pages. */
  count(
    filters: ListFilters,
    viewer: string | undefined,
    now?: Date,
  ): Promise<number>;
  /** Every matching row, in pages, up to `max` (for exports). */
  listAll(
    filters: ListFilters & { sort: Sort },
    viewer: string | undefined,
    max: number,
  ): AsyncGenerator<StoredRequest[]>;
  /** Votes, watchers and related entities of each request, for `viewer`. */
  participation(
    ids: number[],
    viewer: string | undefined,
  ): Promise<Map<number, Participation>>;
  similar(title: string, limit: number): Promise<StoredRequest[]>;
  timeline(key: string): Promise<TimelineEntry[]>;
  comments(key: string): Promise<RequestComment[]>;

  /** With `idempotency`, a second request with the same key fails (unique). */
  createRequest(
    input: NewRequest,
    actor: Actor,
    idempotency?: Idempotency,
  ): Promise<StoredRequest>;
  /** The request `requester` filed with this Idempotency-Key, if any. */
  findByIdempotencyKey(
    requester: string,
    key: string,
  ): Promise<{ id: number; hash: string } | undefined>;
  edit(key: string, command: EditCommand, actor: Actor): Promise<Change>;
  transition(
    key: string,
    command: TransitionCommand,
    actor: Actor,
  ): Promise<Change>;
  vote(key: string, actor: Actor): Promise<Change>;
  unvote(key: string, actor: Actor): Promise<Change>;
  comment(
    key: string,
    body: string,
    actor: Actor,
  ): Promise<Change & { comment: RequestComment }>;
  rate(
    key: string,
    rating: {
      score: number;
      comment?: string;
      permissionFilter?: PermissionCriteria<RequestFilter>;
    },
    actor: Actor,
  ): Promise<Change>;
  setWatching(
    key: string,
    userRef: string,
    watching: boolean,
  ): Promise<StoredRequest>;
  /** Recomputes stored priority scores that drifted; returns how many. */
  refreshPriorities(now?: Date, batchSize?: number): Promise<number>;
}
