/*
 * The HTTP side of ImprovementsApi. Every non-2xx answer becomes a
 * ResponseError, so the UI shows the server's own message; the impact's
 * 404 (a KPI backend without the endpoint) is "not available" instead.
 */
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { ImpactResult } from '@internal/plugin-platform-kpis-common';
import {
  CreateImprovementInput,
  Improvement,
  ImprovementListQuery,
  ImprovementTransition,
  UpdateImprovementInput,
} from '@internal/plugin-platform-requests-common';
import { Survey } from '@internal/plugin-platform-surveys-common';
import { surveyScoreOptions } from '../lib/improvements';
import {
  ImpactQuery,
  ImprovementsApi,
  SurveyScoreOption,
} from './ImprovementsApi';

const enc = encodeURIComponent;

type Init = {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
};

export class ImprovementsClient implements ImprovementsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async listImprovements(
    query: Partial<ImprovementListQuery> = {},
  ): Promise<Improvement[]> {
    const params = new URLSearchParams();
    if (query.status?.length) params.set('status', query.status.join(','));
    if (query.team) params.set('team', query.team);
    if (query.request) params.set('request', query.request);
    const qs = params.toString();
    const { items } = await this.json<{ items: Improvement[] }>(
      `/improvements${qs ? `?${qs}` : ''}`,
    );
    return items;
  }

  getImprovement(id: string): Promise<Improvement> {
    return this.json(`/improvements/${enc(id)}`);
  }

  createImprovement(input: CreateImprovementInput): Promise<Improvement> {
    return this.json('/improvements', { method: 'POST', body: input });
  }

  updateImprovement(
    id: string,
    version: number,
    input: UpdateImprovementInput,
  ): Promise<Improvement> {
    return this.json(`/improvements/${enc(id)}`, {
      method: 'PATCH',
      body: input,
      headers: { 'If-Match': `"${version}"` },
    });
  }

  transitionImprovement(
    id: string,
    version: number,
    input: ImprovementTransition,
  ): Promise<Improvement> {
    return this.json(`/improvements/${enc(id)}/transitions`, {
      method: 'POST',
      body: input,
      headers: { 'If-Match': `"${version}"` },
    });
  }

  shipImprovement(
    id: string,
    version: number,
    input: { comment?: string },
  ): Promise<Improvement> {
    return this.json(`/improvements/${enc(id)}/ship`, {
      method: 'POST',
      body: input,
      headers: { 'If-Match': `"${version}"` },
    });
  }

  async getImpact(query: ImpactQuery): Promise<ImpactResult | undefined> {
    const params = new URLSearchParams({
      shippedAt: query.shippedAt,
      windowDays: String(query.windowDays),
      kpi: query.kpi,
    });
    query.teams.forEach(team => params.append('team', team));
    query.entities.forEach(entity => params.append('entity', entity));
    const baseUrl = await this.options.discoveryApi.getBaseUrl('platform-kpis');
    const res = await this.options.fetchApi.fetch(
      `${baseUrl}/impact?${params}`,
    );
    if (res.status === 404) return undefined;
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as ImpactResult;
  }

  async listSurveyScores(): Promise<SurveyScoreOption[]> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'platform-surveys',
    );
    const res = await this.options.fetchApi.fetch(`${baseUrl}/surveys`);
    if (res.status === 404) return [];
    if (!res.ok) throw await ResponseError.fromResponse(res);
    const { items } = (await res.json()) as { items: Survey[] };
    return surveyScoreOptions(items);
  }

  private async json<T>(path: string, init: Init = {}): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'platform-requests',
    );
    const hasBody = init.body !== undefined;
    const res = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(hasBody ? { body: JSON.stringify(init.body) } : {}),
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }
}
