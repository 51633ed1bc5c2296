/*
 * What the service needs from storage. The read side answers only with
 * counts and aggregates, and only for the teams it is asked about: there is
 * no method that returns a response, so no caller can leak one.
 */
import {
  SurveyAudience,
  SurveyQuestion,
  SurveyRepeat,
} from '@internal/plugin-platform-surveys-common';

export type StoredSurvey = {
  id: string;
  title: string;
  description: string;
  questions: SurveyQuestion[];
  audience: SurveyAudience;
  opensAt: string;
  closesAt: string;
  repeat: SurveyRepeat | null;
  createdBy: string;
  createdAt: string;
};

/** Which respondents an aggregate covers: all, or those of these teams. */
export type TeamScope =
  | { kind: 'all' }
  /** `null` stands for respondents without a team. */
  | { kind: 'teams'; teams: Array<string | null> };

export type ResponseKey = {
  surveyId: string;
  round: number;
  respondentHash: string;
};

export type TeamCount = { team: string | null; n: number };

export type ValueCount = {
  questionId: string;
  value: number | string;
  count: number;
};

export type TextAnswer = { questionId: string; text: string };

/** A value count or free-text answer, with the team it was counted for. */
export type OfTeam<T> = T & { team: string | null };

export interface SurveyStore {
  createSurvey(survey: StoredSurvey): Promise<void>;
  getSurvey(id: string): Promise<StoredSurvey | undefined>;
  listSurveys(): Promise<StoredSurvey[]>;

  /** Replaces the respondent's answers to a round; true if they had answered. */
  saveResponse(
    key: ResponseKey,
    team: string | null,
    answers: Record<string, number | string>,
  ): Promise<{ replaced: boolean }>;
  /** Which of these respondent hashes answered their survey round. */
  answered(keys: ResponseKey[]): Promise<Set<string>>;

  respondentsByTeam(surveyId: string, round: number): Promise<TeamCount[]>;
  /** Counts of each answer value, over the scope, for the named questions. */
  valueCounts(
    surveyId: string,
    round: number,
    questionIds: string[],
    scope: TeamScope,
  ): Promise<ValueCount[]>;
  /** Free-text answers over the scope, sorted by question and text. */
  textAnswers(
    surveyId: string,
    round: number,
    questionIds: string[],
    scope: TeamScope,
  ): Promise<TextAnswer[]>;
  /**
   * `valueCounts` of each of these teams at once, grouped by team. Only the
   * named teams' rows are read, so pass only teams that may be shown.
   */
  valueCountsByTeam(
    surveyId: string,
    round: number,
    questionIds: string[],
    teams: Array<string | null>,
  ): Promise<Array<OfTeam<ValueCount>>>;
  /** `textAnswers` of each of these teams at once (only their rows read). */
  textAnswersByTeam(
    surveyId: string,
    round: number,
    questionIds: string[],
    teams: Array<string | null>,
  ): Promise<Array<OfTeam<TextAnswer>>>;

  /** Saves (or replaces) the rating of a golden-path run. */
  saveRunRating(rating: {
    runHash: string;
    templateRef: string;
    score: number;
    month: string;
  }): Promise<void>;
  /** Ratings counted per template and score. */
  runRatingCounts(): Promise<
    Array<{ templateRef: string; score: number; count: number }>
  >;

  /** Claims a round's opening notification; false if already claimed. */
  claimRoundNotification(
    surveyId: string,
    round: number,
    at: Date,
  ): Promise<boolean>;
  releaseRoundNotification(surveyId: string, round: number): Promise<void>;
}
