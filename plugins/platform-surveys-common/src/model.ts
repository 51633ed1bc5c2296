/*
 * The pulse survey as the API returns it, and the results it may show. No
 * type here carries a respondent: the API has no way to say who answered
 * what, so neither has the model.
 */

export const QUESTION_KINDS = [
  'agreement',
  'recommend',
  'choice',
  'text',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** The values of the scale questions, lowest first. */
export const SCALES = {
  /** 1 strongly disagree … 5 strongly agree. */
  agreement: [1, 2, 3, 4, 5],
  /** 0 not at all likely … 10 extremely likely. */
  recommend: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
} as const;

export type SurveyQuestion =
  | { id: string; kind: 'agreement' | 'recommend' | 'text'; text: string }
  | { id: string; kind: 'choice'; text: string; options: string[] };

/** Everyone signed in, or the members of the listed groups. */
export type SurveyAudience =
  | { kind: 'everyone' }
  | { kind: 'groups'; groups: string[] };

/** A survey repeated each quarter: `rounds` rounds in all. */
export type SurveyRepeat = { every: 'quarter'; rounds: number };

export type RoundState = 'upcoming' | 'open' | 'closed';

export type SurveyRound = {
  /** 1 for the first round. */
  round: number;
  opensAt: string;
  closesAt: string;
  state: RoundState;
};

export type Survey = {
  /** A UUID; also the `<surveyId>` of a survey-score KPI. */
  id: string;
  title: string;
  description: string;
  questions: SurveyQuestion[];
  audience: SurveyAudience;
  /** The first round's window; later rounds are the same shifted by quarters. */
  opensAt: string;
  closesAt: string;
  repeat: SurveyRepeat | null;
  rounds: SurveyRound[];
  createdBy: string;
  createdAt: string;
};

/** An open round for the signed-in person, from GET /surveys/open. */
export type OpenSurveyRound = {
  survey: Pick<Survey, 'id' | 'title' | 'description' | 'questions'>;
  round: SurveyRound;
  /** Whether they answered this round (they may still change it). */
  answered: boolean;
};

/** A question's answers as numbers or options, counted. */
export type AnswerCount = { value: number | string; count: number };

export type QuestionResult =
  | {
      questionId: string;
      kind: 'agreement' | 'recommend';
      n: number;
      /** Every value of the scale, including those nobody chose. */
      distribution: AnswerCount[];
      mean: number;
      median: number;
    }
  | {
      questionId: string;
      kind: 'choice';
      n: number;
      /** Every option, including those nobody chose. */
      distribution: AnswerCount[];
    }
  | {
      questionId: string;
      kind: 'text';
      n: number;
      /** Sorted, so that their order says nothing about who wrote them. */
      answers: string[];
    };

/** `null` team: respondents who were in no team when they answered. */
export type GroupResult =
  | {
      team: string | null;
      enough: true;
      respondents: number;
      questions: QuestionResult[];
    }
  | { team: string | null; enough: false };

export const NOT_ENOUGH_RESPONSES = 'not enough responses';

export type RoundResults = {
  surveyId: string;
  round: number;
  /** Results of a round are shown once it has closed. */
  state: RoundState;
  /** The anonymity floor these results were cut with. */
  floor: number;
  /** Everyone who answered, or the one team asked for with `?team=`. */
  overall: GroupResult;
  /** Per team, without counts where a team is hidden. Empty with `?team=`. */
  byTeam: GroupResult[];
};

/** A closed round's mean per scale question, where the group reaches the floor. */
export type TrendPoint = {
  round: number;
  closesAt: string;
  enough: boolean;
  respondents?: number;
  /** question id → mean, for agreement and recommend questions. */
  means?: Record<string, number>;
};

export type SurveyTrend = {
  surveyId: string;
  team: string | null;
  floor: number;
  points: TrendPoint[];
};
