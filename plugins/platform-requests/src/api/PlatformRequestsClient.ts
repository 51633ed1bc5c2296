/*
 * The HTTP side of PlatformRequestsApi: builds the URLs of the REST contract
 * under /api/platform-requests and turns every non-2xx answer into a
 * ResponseError, so the UI can show the server's own message.
 */
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CreateRequestInput,
  PlatformRequest,
  PlatformTeamStatus,
  RequestComment,
  RequestList,
  TimelineEntry,
  TransitionRequest,
  UpdateRequestInput,
} from '@internal/plugin-platform-requests-common';
import {
  PlatformRequestsApi,
  PlatformRequestsConfig,
  RatingInput,
  RequestListQuery,
} from './PlatformRequestsApi';

const enc = encodeURIComponent;

/** The query string of GET /requests and GET /export, without the `?`. */
export function toQueryString(query: RequestListQuery): string {
  const params = new URLSearchParams();
  const list = (name: string, values?: string[]) => {
    if (values?.length) params.set(name, values.join(','));
  };
  list('status', query.status);
  list('category', query.category);
  list('urgency', query.urgency);
  list('team', query.team);
  list('assignee', query.assignee);
  if (query.entity) params.set('entity', query.entity);
  if (query.mine) params.set('mine', 'true');
  if (query.watching) params.set('watching', 'true');
  if (query.q?.trim()) params.set('q', query.q.trim());
  if (query.sort) params.set('sort', query.sort);
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.limit) params.set('limit', String(query.limit));
  return params.toString();
}

export class PlatformRequestsClient implements PlatformRequestsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private config?: Promise<PlatformRequestsConfig>;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listRequests(query: RequestListQuery): Promise<RequestList> {
    const qs = toQueryString(query);
    return this.json(`/requests${qs ? `?${qs}` : ''}`);
  }

  createRequest(
    input: CreateRequestInput,
    options: { idempotencyKey?: string } = {},
  ): Promise<PlatformRequest> {
    return this.json('/requests', {
      method: 'POST',
      body: input,
      headers: options.idempotencyKey
        ? { 'Idempotency-Key': options.idempotencyKey }
        : {},
    });
  }

  getRequest(key: string): Promise<PlatformRequest> {
    return this.json(`/requests/${enc(key)}`);
  }

  updateRequest(
    key: string,
    version: number,
    input: UpdateRequestInput,
  ): Promise<PlatformRequest> {
    return this.json(`/requests/${enc(key)}`, {
      method: 'PATCH',
      body: input,
      headers: { 'If-Match': `"${version}"` },
    });
  }

  transition(key: string, input: TransitionRequest): Promise<PlatformRequest> {
    return this.json(`/requests/${enc(key)}/transitions`, {
      method: 'POST',
      body: input,
    });
  }

  vote(key: string): Promise<PlatformRequest> {
    return this.json(`/requests/${enc(key)}/votes`, { method: 'POST' });
  }

  unvote(key: string): Promise<PlatformRequest> {
    return this.json(`/requests/${enc(key)}/votes`, { method: 'DELETE' });
  }

  watch(key: string): Promise<PlatformRequest> {
    return this.json(`/requests/${enc(key)}/watch`, { method: 'PUT' });
  }

  unwatch(key: string): Promise<PlatformRequest> {
    return this.json(`/requests/${enc(key)}/watch`, { method: 'DELETE' });
  }

  rate(key: string, input: RatingInput): Promise<PlatformRequest> {
    return this.json(`/requests/${enc(key)}/rating`, {
      method: 'POST',
      body: input,
    });
  }

  async listComments(key: string): Promise<RequestComment[]> {
    const { items } = await this.json<{ items: RequestComment[] }>(
      `/requests/${enc(key)}/comments`,
    );
    return items;
  }

  addComment(key: string, body: string): Promise<RequestComment> {
    return this.json(`/requests/${enc(key)}/comments`, {
      method: 'POST',
      body: { body },
    });
  }

  async getTimeline(key: string): Promise<TimelineEntry[]> {
    const { items } = await this.json<{ items: TimelineEntry[] }>(
      `/requests/${enc(key)}/timeline`,
    );
    return items;
  }

  async suggestSimilar(title: string): Promise<PlatformRequest[]> {
    const params = new URLSearchParams({ title });
    const { items } = await this.json<{ items: PlatformRequest[] }>(
      `/suggestions?${params}`,
    );
    return items;
  }

  async exportCsv(query: RequestListQuery): Promise<Blob> {
    const { cursor: _cursor, limit: _limit, ...filters } = query;
    const qs = toQueryString(filters);
    const res = await this.send(`/export?format=csv${qs ? `&${qs}` : ''}`);
    return res.blob();
  }

  /** Fetched once per app load; a failed fetch is retried next time. */
  getConfig(): Promise<PlatformRequestsConfig> {
    if (!this.config) {
      this.config = this.json<PlatformRequestsConfig>('/config').catch(e => {
        this.config = undefined;
        throw e;
      });
    }
    return this.config;
  }

  getPlatformTeamStatus(): Promise<PlatformTeamStatus> {
    return this.json('/platform-team');
  }

  private async json<T>(
    path: string,
    init?: {
      method?: string;
      body?: unknown;
      headers?: Record<string, string>;
    },
  ): Promise<T> {
    const res = await this.send(path, init);
    return (await res.json()) as T;
  }

  private async send(
    path: string,
    init: {
      method?: string;
      body?: unknown;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('platform-requests');
    const hasBody = init.body !== undefined;
    const res = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(hasBody ? { body: JSON.stringify(init.body) } : {}),
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res;
  }
}
