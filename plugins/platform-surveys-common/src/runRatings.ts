/*
 * The one-question rating after a golden-path run ("How was it?", 1–5).
 * One rating per run, by the person who ran it, changeable; stored without
 * the run's id (a keyed hash stands for it) and read only as per-template
 * aggregates cut at the anonymity floor, like survey results.
 */
import { z } from 'zod';
import { AnswerCount } from './model';

export const RUN_RATING_QUESTION = 'How was it?';

export const runRatingSchema = z.strictObject({
  score: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
});

export type RunRatingInput = z.infer<typeof runRatingSchema>;

/** Scaffolder task ids are UUIDs. */
export const taskIdSchema = z.uuid({ message: 'must be a scaffolder task id' });

export type TemplateRating =
  | {
      template: string;
      enough: true;
      n: number;
      mean: number;
      /** 1 … 5, including scores nobody gave. */
      distribution: AnswerCount[];
    }
  | { template: string; enough: false };

export type RunRatings = { floor: number; templates: TemplateRating[] };
