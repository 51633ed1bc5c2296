/*
 * What the UI may ask about improvements: the requests backend's
 * /improvements routes, and the measured impact of a shipped one from the
 * KPI backend (GET /api/platform-kpis/impact), and the survey questions it
 * may target (GET /api/platform-surveys/surveys). Its own interface, so pages
 * that never show improvements need no fake of it in their tests.
 */
import { createApiRef } from '@backstage/frontend-plugin-api';
import { ImpactResult } from '@internal/plugin-platform-kpis-common';
import {
  CreateImprovementInput,
  Improvement,
  ImprovementListQuery,
  ImprovementTransition,
  UpdateImprovementInput,
} from '@internal/plugin-platform-requests-common';

/** A survey question's score as a target KPI, with a readable label. */
export type SurveyScoreOption = { kpi: string; label: string };

export type ImpactQuery = {
  shippedAt: string;
  windowDays: 30 | 60 | 90;
  kpi: string;
  teams: string[];
  entities: string[];
};

export interface ImprovementsApi {
  listImprovements(
    query?: Partial<ImprovementListQuery>,
  ): Promise<Improvement[]>;
  getImprovement(id: string): Promise<Improvement>;
  createImprovement(input: CreateImprovementInput): Promise<Improvement>;
  /** Sends `version` as If-Match (a stale one fails with a 412). */
  updateImprovement(
    id: string,
    version: number,
    input: UpdateImprovementInput,
  ): Promise<Improvement>;
  transitionImprovement(
    id: string,
    version: number,
    input: ImprovementTransition,
  ): Promise<Improvement>;
  shipImprovement(
    id: string,
    version: number,
    input: { comment?: string },
  ): Promise<Improvement>;
  /** undefined when the KPI backend has no impact endpoint (404). */
  getImpact(query: ImpactQuery): Promise<ImpactResult | undefined>;
  /**
   * The survey questions an improvement can target (agreement and
   * recommend questions of existing surveys), from the surveys backend;
   * empty when there is none (404).
   */
  listSurveyScores(): Promise<SurveyScoreOption[]>;
}

export const improvementsApiRef = createApiRef<ImprovementsApi>().with({
  id: 'plugin.platform-requests.improvements',
  pluginId: 'platform-requests',
});
