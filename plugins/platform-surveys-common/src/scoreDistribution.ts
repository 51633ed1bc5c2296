/*
 * A survey question's answers counted per value over the rounds that closed
 * in a time range, for a set of teams and for everyone else: what the KPI
 * backend tests an improvement's survey-score target with
 * (GET /api/platform-surveys/scores/distribution). Cut at the anonymity
 * floor per round and side, with the differencing rule (docs/operations.md,
 * "Pulse surveys").
 */
import { z } from 'zod';
import { AnswerCount } from './model';
import { groupRefSchema, surveyIdSchema, scoresQuerySchema } from './schemas';

/** Most teams one distribution question may name (as the impact scope). */
export const SCORE_DISTRIBUTION_MAX_TEAMS = 50;

const instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time',
});

/**
 * `survey`, `question`, the range of closing times `closedFrom` (inclusive)
 * to `closedBefore` (exclusive), and the scope as repeated `team` (none:
 * everyone, and no rest).
 */
export const scoreDistributionQuerySchema = z
  .strictObject({
    survey: surveyIdSchema,
    question: scoresQuerySchema.shape.question,
    closedFrom: instant,
    closedBefore: instant,
    team: z
      .union([
        groupRefSchema,
        z
          .array(groupRefSchema)
          .max(
            SCORE_DISTRIBUTION_MAX_TEAMS,
            `at most ${SCORE_DISTRIBUTION_MAX_TEAMS} may be given`,
          ),
      ])
      .transform(v => [
        ...new Set(
          (Array.isArray(v) ? v : [v]).map(t => t.toLocaleLowerCase('en-US')),
        ),
      ])
      .default([]),
  })
  .superRefine((q, ctx) => {
    if (!(Date.parse(q.closedBefore) > Date.parse(q.closedFrom))) {
      ctx.addIssue({
        code: 'custom',
        path: ['closedBefore'],
        message: 'must be after closedFrom',
      });
    }
  });

export type ScoreDistributionQuery = z.output<
  typeof scoreDistributionQuerySchema
>;

/** One side's answers, or only "not enough" below the floor. */
export type DistributionSide =
  | {
      enough: true;
      /** Respondents over the counted rounds. */
      respondents: number;
      /** Answers to the question: the sum of the counts. */
      n: number;
      /** Every value of the scale, including those nobody chose. */
      distribution: AnswerCount[];
    }
  | { enough: false };

export type ScoreDistribution = {
  surveyId: string;
  surveyTitle: string;
  questionId: string;
  questionText: string;
  kind: 'agreement' | 'recommend';
  floor: number;
  closedFrom: string;
  closedBefore: string;
  /**
   * The closed rounds whose closing time is in the range; `counted` false
   * where the floor or the differencing rule withheld the round for both
   * sides.
   */
  rounds: Array<{ round: number; closesAt: string; counted: boolean }>;
  /** The teams asked for, or everyone when none was. */
  scope: DistributionSide;
  /** Everyone outside the teams; null when the scope is everyone. */
  rest: DistributionSide | null;
};
