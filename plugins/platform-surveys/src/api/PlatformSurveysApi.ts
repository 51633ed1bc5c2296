/*
 * What the surveys UI asks of the backend (/api/platform-surveys). There is
 * no call that reads a response: the API has none.
 */
import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  CreateSurveyInput,
  OpenSurveyRound,
  RoundResults,
  Survey,
  SurveyResponseInput,
  SurveyTrend,
} from '@internal/plugin-platform-surveys-common';

export interface PlatformSurveysApi {
  listSurveys(): Promise<Survey[]>;
  getSurvey(id: string): Promise<Survey>;
  createSurvey(input: CreateSurveyInput): Promise<Survey>;
  /** The open rounds the signed-in person is in the audience of. */
  openSurveys(): Promise<OpenSurveyRound[]>;
  respond(
    id: string,
    round: number,
    input: SurveyResponseInput,
  ): Promise<{ answered: true; replaced: boolean }>;
  getResults(id: string, round: number, team?: string): Promise<RoundResults>;
  getTrend(id: string, team?: string): Promise<SurveyTrend>;
  exportCsv(id: string, round: number, team?: string): Promise<Blob>;
  /** "How was it?" after a golden-path run, 1–5, by whoever ran it. */
  rateRun(taskId: string, score: number): Promise<{ rated: true }>;
}

export const platformSurveysApiRef = createApiRef<PlatformSurveysApi>({
  id: 'plugin.platform-surveys.api',
});
