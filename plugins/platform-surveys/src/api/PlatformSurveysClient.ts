/*
 * The HTTP side of PlatformSurveysApi: every non-2xx answer becomes a
 * ResponseError, so the UI shows the server's own message.
 */
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CreateSurveyInput,
  OpenSurveyRound,
  RoundResults,
  Survey,
  SurveyResponseInput,
  SurveyTrend,
} from '@internal/plugin-platform-surveys-common';
import { PlatformSurveysApi } from './PlatformSurveysApi';

const enc = encodeURIComponent;

function teamQuery(team?: string) {
  return team ? `?team=${enc(team)}` : '';
}

export class PlatformSurveysClient implements PlatformSurveysApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async listSurveys(): Promise<Survey[]> {
    return (await this.json<{ items: Survey[] }>('/surveys')).items;
  }

  getSurvey(id: string): Promise<Survey> {
    return this.json(`/surveys/${enc(id)}`);
  }

  createSurvey(input: CreateSurveyInput): Promise<Survey> {
    return this.json('/surveys', { method: 'POST', body: input });
  }

  async openSurveys(): Promise<OpenSurveyRound[]> {
    return (await this.json<{ items: OpenSurveyRound[] }>('/surveys/open'))
      .items;
  }

  respond(id: string, round: number, input: SurveyResponseInput) {
    return this.json<{ answered: true; replaced: boolean }>(
      `/surveys/${enc(id)}/rounds/${round}/response`,
      { method: 'PUT', body: input },
    );
  }

  getResults(id: string, round: number, team?: string) {
    return this.json<RoundResults>(
      `/surveys/${enc(id)}/rounds/${round}/results${teamQuery(team)}`,
    );
  }

  getTrend(id: string, team?: string) {
    return this.json<SurveyTrend>(
      `/surveys/${enc(id)}/trend${teamQuery(team)}`,
    );
  }

  async exportCsv(id: string, round: number, team?: string): Promise<Blob> {
    const res = await this.fetch(
      `/surveys/${enc(id)}/rounds/${round}/export${teamQuery(team)}`,
    );
    return res.blob();
  }

  rateRun(taskId: string, score: number) {
    return this.json<{ rated: true }>(
      `/golden-path-runs/${enc(taskId)}/rating`,
      { method: 'PUT', body: { score } },
    );
  }

  private async fetch(
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<Response> {
    const base = await this.options.discoveryApi.getBaseUrl('platform-surveys');
    const res = await this.options.fetchApi.fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers:
        init.body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res;
  }

  private async json<T>(
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    return (await this.fetch(path, init)).json();
  }
}
