/*
 * Every input the API takes, as zod schemas. The backend validates with
 * them (a failure is a 400 naming the field); the frontend's forms use the
 * same ones, so both sides agree on the limits.
 */
import { z } from 'zod';
import { MAX_WINDOW_DAYS } from './rounds';

export const SURVEY_LIMITS = {
  titleMin: 3,
  titleMax: 200,
  descriptionMax: 2_000,
  questionsMax: 10,
  questionTextMax: 300,
  optionsMin: 2,
  optionsMax: 10,
  optionMax: 100,
  groupsMax: 50,
  roundsMax: 12,
  textAnswerMax: 2_000,
} as const;

const DAY_MS = 86_400_000;

export const entityRefSchema = z
  .string()
  .max(255)
  .regex(
    /^[A-Za-z][A-Za-z0-9-]*:[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/,
    'must be an entity reference like group:default/checkout-team',
  );

export const groupRefSchema = entityRefSchema.refine(
  ref => ref.toLocaleLowerCase('en-US').startsWith('group:'),
  'must be a Group, like group:default/checkout-team',
);

const questionText = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(
    SURVEY_LIMITS.questionTextMax,
    `must be at most ${SURVEY_LIMITS.questionTextMax} characters`,
  );

const option = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(SURVEY_LIMITS.optionMax);

export const questionInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.enum(['agreement', 'recommend', 'text']),
    text: questionText,
  }),
  z.strictObject({
    kind: z.literal('choice'),
    text: questionText,
    options: z
      .array(option)
      .min(SURVEY_LIMITS.optionsMin, 'a choice needs at least 2 options')
      .max(SURVEY_LIMITS.optionsMax, 'at most 10 options')
      .refine(
        options => new Set(options).size === options.length,
        'options must differ',
      ),
  }),
]);

export const audienceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('everyone') }),
  z.strictObject({
    kind: z.literal('groups'),
    groups: z
      .array(groupRefSchema)
      .min(1, 'name at least one group')
      .max(SURVEY_LIMITS.groupsMax),
  }),
]);

const isoDateTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time',
});

export const createSurveySchema = z
  .strictObject({
    title: z
      .string()
      .trim()
      .min(SURVEY_LIMITS.titleMin, 'must be at least 3 characters')
      .max(SURVEY_LIMITS.titleMax, 'must be at most 200 characters'),
    description: z.string().max(SURVEY_LIMITS.descriptionMax).default(''),
    questions: z
      .array(questionInputSchema)
      .min(1, 'a survey needs at least one question')
      .max(SURVEY_LIMITS.questionsMax, 'a survey has at most 10 questions'),
    audience: audienceSchema,
    opensAt: isoDateTime,
    closesAt: isoDateTime,
    repeat: z
      .strictObject({
        every: z.literal('quarter'),
        rounds: z.number().int().min(2).max(SURVEY_LIMITS.roundsMax),
      })
      .nullable()
      .default(null),
  })
  .superRefine((survey, ctx) => {
    const length = Date.parse(survey.closesAt) - Date.parse(survey.opensAt);
    if (!(length > 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['closesAt'],
        message: 'must be after opensAt',
      });
    } else if (length > MAX_WINDOW_DAYS * DAY_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['closesAt'],
        message: `a round is open for at most ${MAX_WINDOW_DAYS} days`,
      });
    }
  });

export type CreateSurveyInput = z.input<typeof createSurveySchema>;
export type NewSurvey = z.output<typeof createSurveySchema>;

/** One answer per question id: a number for scales, an option or text. */
export const responseSchema = z.strictObject({
  answers: z.record(
    z.string().regex(/^q[0-9]{1,2}$/, 'must be a question id like q1'),
    z.union([z.number(), z.string()]),
  ),
});

export type SurveyResponseInput = z.infer<typeof responseSchema>;

export const surveyIdSchema = z.uuid({ message: 'must be a survey id' });

export const roundParamSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(SURVEY_LIMITS.roundsMax);

/** `?team=` narrows results to one team; nothing else narrows them. */
export const resultsQuerySchema = z.strictObject({
  team: groupRefSchema.optional(),
});

export const scoresQuerySchema = z.strictObject({
  survey: surveyIdSchema,
  question: z.string().regex(/^q[0-9]{1,2}$/, 'must be a question id like q1'),
});
