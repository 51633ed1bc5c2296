/*
 * What the UI may ask of the platform-requests backend. Components and hooks
 * depend on this interface only, so tests hand them a fake object and the
 * HTTP details stay in PlatformRequestsClient.
 */
import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  CreateRequestInput,
  ListQuery,
  ListQueryFilters,
  PlatformRequest,
  PlatformTeamStatus,
  PriorityWeights,
  RequestCategory,
  RequestComment,
  RequestList,
  SlaTargets,
  SORTS,
  TimelineEntry,
  TransitionRequest,
  UpdateRequestInput,
  Urgency,
} from '@internal/plugin-platform-requests-common';

export type RequestSort = (typeof SORTS)[number];

/**
 * Filters of GET /requests and GET /export, as the common schema reads
 * them (lists are sent comma-separated); sort and page size may be left to
 * the backend's defaults.
 */
export type RequestListQuery = ListQueryFilters &
  Partial<Pick<ListQuery, 'sort' | 'cursor' | 'limit'>>;

/** GET /config: what the backend was configured with. */
export type PlatformRequestsConfig = {
  categories: RequestCategory[];
  urgencies: Urgency[];
  sla: SlaTargets;
  priorityWeights: PriorityWeights;
  /** Entity ref of the Group that triages requests. */
  platformTeam: string;
  /** Days after resolution during which the requester may reopen. */
  reopenWindowDays?: number;
};

export type RatingInput = { score: number; comment?: string };

export interface PlatformRequestsApi {
  listRequests(query: RequestListQuery): Promise<RequestList>;
  /**
   * Files a request. The same `idempotencyKey` again (a retry after a lost
   * answer) gets the request already filed instead of a second one.
   */
  createRequest(
    input: CreateRequestInput,
    options?: { idempotencyKey?: string },
  ): Promise<PlatformRequest>;
  getRequest(key: string): Promise<PlatformRequest>;
  /**
   * Sends `version` as If-Match; a request changed by someone else since
   * then fails with a ResponseError whose statusCode is 412.
   */
  updateRequest(
    key: string,
    version: number,
    input: UpdateRequestInput,
  ): Promise<PlatformRequest>;
  transition(key: string, input: TransitionRequest): Promise<PlatformRequest>;
  vote(key: string): Promise<PlatformRequest>;
  unvote(key: string): Promise<PlatformRequest>;
  watch(key: string): Promise<PlatformRequest>;
  unwatch(key: string): Promise<PlatformRequest>;
  rate(key: string, input: RatingInput): Promise<PlatformRequest>;
  listComments(key: string): Promise<RequestComment[]>;
  addComment(key: string, body: string): Promise<RequestComment>;
  getTimeline(key: string): Promise<TimelineEntry[]>;
  /** Open requests whose titles resemble `title`. */
  suggestSimilar(title: string): Promise<PlatformRequest[]>;
  /** The CSV export of the requests matching `query` (cursor and limit ignored). */
  exportCsv(query: RequestListQuery): Promise<Blob>;
  getConfig(): Promise<PlatformRequestsConfig>;
  /** Whether the platform team's Group is in the catalog (not cached). */
  getPlatformTeamStatus(): Promise<PlatformTeamStatus>;
}

export const platformRequestsApiRef = createApiRef<PlatformRequestsApi>().with({
  id: 'plugin.platform-requests.client',
  pluginId: 'platform-requests',
});
