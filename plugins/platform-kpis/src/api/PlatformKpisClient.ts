/*
 * The HTTP side of PlatformKpisApi: builds the URLs of the read endpoints
 * under /api/platform-kpis, sends the viewer's time zone so days and weeks
 * are the viewer's, and turns every non-2xx answer into a ResponseError, so
 * the UI can show the server's own message.
 */
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AdoptionSummary,
  CatalogHealthSummary,
  DoraSummary,
  FlowSummary,
  ImpactResult,
  RecentEvents,
  UnmatchedSources,
} from '@internal/plugin-platform-kpis-common';
import {
  DoraKpiQuery,
  ImpactApiQuery,
  KpiQuery,
  PlatformKpisApi,
  RecentEventsQuery,
  ShippedImprovement,
} from './PlatformKpisApi';

/** The browser's IANA time zone, UTC when it cannot tell. */
export function browserTimeZone(): string {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export class PlatformKpisClient implements PlatformKpisApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly timeZone: () => string;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** For tests; the browser's zone otherwise. */
    timeZone?: () => string;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.timeZone = options.timeZone ?? browserTimeZone;
  }

  getDora(query: DoraKpiQuery): Promise<DoraSummary> {
    // The backend refuses team and service together; a service is narrower.
    const { team, service, include, ...rest } = query;
    const params = this.windowParams(service ? rest : query, service);
    if (include?.length) params.set('include', include.join(','));
    return this.json('/dora', params);
  }

  getFlow(query: KpiQuery): Promise<FlowSummary> {
    return this.json('/flow', this.windowParams(query));
  }

  getAdoption(query: KpiQuery): Promise<AdoptionSummary> {
    return this.json('/adoption', this.windowParams(query));
  }

  getCatalogHealth(query: KpiQuery): Promise<CatalogHealthSummary> {
    return this.json('/catalog-health', this.windowParams(query));
  }

  getRecentEvents(query: RecentEventsQuery): Promise<RecentEvents> {
    // No tz here: /events lists events, it counts no days, and its query
    // schema is strict.
    const params = new URLSearchParams({ service: query.service });
    if (query.type) params.set('type', query.type);
    if (query.limit) params.set('limit', String(query.limit));
    return this.json('/events', params);
  }

  getUnmatchedSources(): Promise<UnmatchedSources> {
    return this.json('/webhooks/unmatched');
  }

  getImpact(query: ImpactApiQuery): Promise<ImpactResult> {
    const params = new URLSearchParams({
      shippedAt: query.shippedAt,
      windowDays: String(query.windowDays ?? 30),
    });
    for (const kpi of query.kpis) params.append('kpi', kpi);
    for (const team of query.teams ?? []) params.append('team', team);
    for (const entity of query.entities ?? []) params.append('entity', entity);
    return this.json('/impact', params);
  }

  async getShippedImprovements(): Promise<ShippedImprovement[]> {
    const baseUrl = await this.discoveryApi.getBaseUrl('platform-requests');
    const res = await this.fetchApi.fetch(
      `${baseUrl}/improvements?status=shipped`,
    );
    // The requests plugin without improvements yet: nothing to show.
    if (res.status === 404) return [];
    if (!res.ok) throw await ResponseError.fromResponse(res);
    const body = await res.json();
    const items: ShippedImprovement[] = Array.isArray(body)
      ? body
      : body.items ?? [];
    return items.filter(i => i.status === 'shipped' && i.shippedAt);
  }

  private windowParams(query: KpiQuery, service?: string): URLSearchParams {
    const params = new URLSearchParams();
    params.set('window', query.window ?? '90d');
    if (query.team) params.set('team', query.team);
    if (service) params.set('service', service);
    params.set('tz', this.timeZone());
    if (query.until) params.set('until', query.until);
    return params;
  }

  private async json<T>(path: string, params?: URLSearchParams): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('platform-kpis');
    const query = params ? `?${params}` : '';
    const res = await this.fetchApi.fetch(`${baseUrl}${path}${query}`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }
}
