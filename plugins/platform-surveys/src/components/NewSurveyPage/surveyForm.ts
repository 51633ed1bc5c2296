/*
 * The create form's state and how it becomes the API's input, checked with
 * the same schema the backend uses. Dates are whole days in UTC: a round
 * opens at the start of its first day and closes at the end of its last.
 */
import {
  createSurveySchema,
  CreateSurveyInput,
  QuestionKind,
} from '@internal/plugin-platform-surveys-common';

export type QuestionDraft = {
  kind: QuestionKind;
  text: string;
  /** Choice options, one per line. */
  options: string;
};

export type SurveyForm = {
  title: string;
  description: string;
  questions: QuestionDraft[];
  /** Group refs, comma or line separated; empty means everyone. */
  groups: string;
  opens: string;
  closes: string;
  quarterly: boolean;
  rounds: number;
};

export const emptyQuestion = (): QuestionDraft => ({
  kind: 'agreement',
  text: '',
  options: '',
});

export function toInput(form: SurveyForm): CreateSurveyInput {
  const groups = form.groups
    .split(/[\s,]+/)
    .map(g => g.trim())
    .filter(Boolean);
  return {
    title: form.title,
    description: form.description,
    questions: form.questions.map(q =>
      q.kind === 'choice'
        ? {
            kind: 'choice',
            text: q.text,
            options: q.options
              .split('\n')
              .map(o => o.trim())
              .filter(Boolean),
          }
        : { kind: q.kind, text: q.text },
    ),
    audience: groups.length ? { kind: 'groups', groups } : { kind: 'everyone' },
    opensAt: `${form.opens}T00:00:00Z`,
    closesAt: `${form.closes}T23:59:59Z`,
    repeat: form.quarterly ? { every: 'quarter', rounds: form.rounds } : null,
  };
}

/** Field path → message, from the common schema. */
export function formProblems(input: CreateSurveyInput): Record<string, string> {
  const result = createSurveySchema.safeParse(input);
  if (result.success) return {};
  const problems: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    problems[path] ??= issue.message;
  }
  return problems;
}
