/*
 * A survey question's score as an impact KPI (docs/kpis.md, "Impact"): the
 * answers of the rounds that closed in the window before the ship date
 * against those that closed in the window after, from the surveys backend's
 * counts per value (cut there at the anonymity floor), tested with
 * Mann–Whitney U on the answers those counts stand for. Higher is better.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ImpactSample,
  ImpactWindows,
} from '@internal/plugin-platform-kpis-common';
import {
  DistributionSide,
  ScoreDistribution,
} from '@internal/plugin-platform-surveys-common';
import type { Frame, Measured, ScopeRefs } from './ImpactQueries';
import { mannWhitney } from './statistics';
import { SurveyScoreReader } from '../service/SurveysClient';

export const SURVEY_MANN_WHITNEY =
  'Mann–Whitney U on the answers (rank-sum), two-sided';

/** A survey KPI's figures, or why there are none; and its readable title. */
export type SurveyMeasured = {
  title?: string;
  measured: Measured | { unit: 'score'; reason: string };
};

/** `survey:<surveyId>:<questionId>` → its two ids. */
export function surveyKpiIds(kpi: string): {
  surveyId: string;
  questionId: string;
} {
  const [, surveyId, questionId] = kpi.split(':');
  return { surveyId, questionId };
}

/** The answers a distribution stands for, one value per answer. */
export function answersOf(side: DistributionSide): number[] {
  if (!side.enough) return [];
  return side.distribution.flatMap(d =>
    new Array<number>(d.count).fill(Number(d.value)),
  );
}

function sampleOf(side: DistributionSide | null): ImpactSample {
  if (!side?.enough) return { value: null, n: 0 };
  let total = 0;
  for (const d of side.distribution) total += Number(d.value) * d.count;
  return { value: total / side.n, n: side.n };
}

/** Why a survey KPI has no figures, from the surveys backend's error. */
function failure(error: unknown): string {
  const status = error instanceof ResponseError ? error.statusCode : undefined;
  if (status === 401 || status === 403) {
    return 'survey scores are shown only to those who may read survey results (the platform team)';
  }
  const message =
    error instanceof ResponseError
      ? error.body?.error?.message ?? error.message
      : String((error as Error)?.message ?? error);
  return `the surveys backend could not answer (${
    status ? `${status}: ` : ''
  }${message}), so this survey score cannot be measured`;
}

export async function measureSurvey(
  kpi: string,
  f: Frame,
  refs: ScopeRefs,
  everyone: boolean,
  reader: SurveyScoreReader | undefined,
  caller: BackstageCredentials | undefined,
): Promise<SurveyMeasured> {
  if (!reader || !caller) {
    return {
      measured: {
        unit: 'score',
        reason: 'the surveys backend is not available here',
      },
    };
  }
  if (!everyone && refs.teams.length === 0) {
    return {
      measured: {
        unit: 'score',
        reason:
          'survey scores are counted per team, and this scope names no team',
      },
    };
  }
  const { surveyId, questionId } = surveyKpiIds(kpi);
  const window = f.days * 86_400_000;
  const ask = (closedFrom: number, closedBefore: number) =>
    reader.distribution(
      { surveyId, questionId, closedFrom, closedBefore, teams: refs.teams },
      caller,
    );
  let before: ScoreDistribution;
  let after: ScoreDistribution;
  try {
    // Before: closed in [ship − window, ship); after: in (ship, ship + window].
    [before, after] = await Promise.all([
      ask(f.shippedAt - window, f.shippedAt),
      ask(f.shippedAt + 1, f.shippedAt + window + 1),
    ]);
  } catch (error) {
    return {
      title: await titleOf(reader, surveyId, questionId, caller),
      measured: { unit: 'score', reason: failure(error) },
    };
  }
  const title = `${before.surveyTitle} — ${before.questionText}`;
  const windows = (
    b: DistributionSide | null,
    a: DistributionSide | null,
  ): ImpactWindows => ({ before: sampleOf(b), after: sampleOf(a) });
  const scope = windows(before.scope, after.scope);
  const rest = everyone ? null : windows(before.rest, after.rest);
  const base = {
    unit: 'score' as const,
    testName: SURVEY_MANN_WHITNEY,
    changeAs: 'relative' as const,
    scope,
    rest,
    restEnough: !!(before.rest?.enough && after.rest?.enough),
  };
  const short = [
    shortfall('before', before, f),
    shortfall('after', after, f),
  ].find(Boolean);
  if (short) {
    return { title, measured: { ...base, pValue: null, shortfall: short } };
  }
  const { pValue } = mannWhitney(
    answersOf(before.scope),
    answersOf(after.scope),
  );
  return { title, measured: { ...base, pValue } };
}

/**
 * "Survey — question" when the scores could not be read (a person who may
 * not see them still may read the survey); undefined when that fails too.
 */
async function titleOf(
  reader: SurveyScoreReader,
  surveyId: string,
  questionId: string,
  caller: BackstageCredentials,
): Promise<string | undefined> {
  try {
    const survey = await reader.survey(surveyId, caller);
    const question = survey.questions.find(q => q.id === questionId);
    return question ? `${survey.title} — ${question.text}` : undefined;
  } catch {
    return undefined;
  }
}

/** Why one window's scope has no sample, or undefined when it has one. */
function shortfall(
  which: 'before' | 'after',
  d: ScoreDistribution,
  f: Frame,
): string | undefined {
  if (d.scope.enough) return undefined;
  const span = `in the ${f.days} days ${which} the ship date`;
  if (d.rounds.length === 0) {
    return `no round of the survey closed ${span}`;
  }
  return `the scope's answers to the rounds that closed ${span} are below the anonymity floor of ${d.floor} respondents, or would reveal a team below it`;
}
