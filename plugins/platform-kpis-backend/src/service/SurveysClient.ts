/*
 * What the KPI backend reads from the platform-surveys backend: a survey
 * question's answer counts (GET /scores/distribution) for the impact of an
 * improvement, and the ratings after golden-path runs (GET
 * /golden-path-ratings) for adoption. The token is on behalf of the person
 * asking, so the surveys backend decides with its own permission (survey
 * results: the platform team) whether they may see them; the KPI backend
 * never reads them as itself.
 */
import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ScoreDistribution,
  Survey,
} from '@internal/plugin-platform-surveys-common';

export type DistributionRequest = {
  surveyId: string;
  questionId: string;
  /** Rounds whose closing time is in [closedFrom, closedBefore), epoch ms. */
  closedFrom: number;
  closedBefore: number;
  /** The scope's teams; none for everyone. */
  teams: string[];
};

export interface SurveyScoreReader {
  distribution(
    request: DistributionRequest,
    onBehalfOf: BackstageCredentials,
  ): Promise<ScoreDistribution>;
  /** The survey itself (everyone signed in may read it), for its title. */
  survey(surveyId: string, onBehalfOf: BackstageCredentials): Promise<Survey>;
}

export const SURVEYS_PLUGIN_ID = 'platform-surveys';

export class SurveysClient implements SurveyScoreReader {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async distribution(
    request: DistributionRequest,
    onBehalfOf: BackstageCredentials,
  ): Promise<ScoreDistribution> {
    const params = new URLSearchParams({
      survey: request.surveyId,
      question: request.questionId,
      closedFrom: new Date(request.closedFrom).toISOString(),
      closedBefore: new Date(request.closedBefore).toISOString(),
    });
    for (const team of request.teams) params.append('team', team);
    return this.get(`/scores/distribution?${params}`, onBehalfOf);
  }

  async survey(
    surveyId: string,
    onBehalfOf: BackstageCredentials,
  ): Promise<Survey> {
    return this.get(`/surveys/${encodeURIComponent(surveyId)}`, onBehalfOf);
  }

  /** The per-template ratings, as the surveys backend answers them. */
  async goldenPathRatings(
    onBehalfOf: BackstageCredentials,
    signal?: AbortSignal,
  ): Promise<unknown> {
    return this.get('/golden-path-ratings', onBehalfOf, signal);
  }

  private async get<T>(
    path: string,
    onBehalfOf: BackstageCredentials,
    signal?: AbortSignal,
  ) {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf,
      targetPluginId: SURVEYS_PLUGIN_ID,
    });
    const base = await this.discovery.getBaseUrl(SURVEYS_PLUGIN_ID);
    const response = await fetch(`${base}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal,
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
