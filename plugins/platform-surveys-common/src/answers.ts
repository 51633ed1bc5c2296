/*
 * Whether a response fits its survey: every scale and choice question
 * answered with one of its values, free text optional and bounded. Used by
 * the backend before it stores a response and by the form before it sends.
 */
import { SCALES, SurveyQuestion } from './model';
import { SURVEY_LIMITS } from './schemas';

export type Answers = Record<string, number | string>;

/** Problems naming the answer ("answers.q2: …"); empty when it fits. */
export function answerProblems(
  questions: SurveyQuestion[],
  answers: Answers,
): string[] {
  const problems: string[] = [];
  const known = new Set(questions.map(q => q.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push(`answers.${id}: no such question`);
  }
  for (const question of questions) {
    const problem = answerProblem(question, answers[question.id]);
    if (problem) problems.push(`answers.${question.id}: ${problem}`);
  }
  return problems;
}

function answerProblem(
  question: SurveyQuestion,
  answer: number | string | undefined,
): string | undefined {
  switch (question.kind) {
    case 'agreement':
    case 'recommend': {
      const scale: readonly number[] = SCALES[question.kind];
      if (answer === undefined) return 'required';
      if (typeof answer !== 'number' || !scale.includes(answer)) {
        return `must be a whole number from ${scale[0]} to ${
          scale[scale.length - 1]
        }`;
      }
      return undefined;
    }
    case 'choice':
      if (answer === undefined) return 'required';
      if (typeof answer !== 'string' || !question.options.includes(answer)) {
        return 'must be one of the options';
      }
      return undefined;
    case 'text':
      if (answer === undefined) return undefined;
      if (typeof answer !== 'string') return 'must be text';
      if (answer.length > SURVEY_LIMITS.textAnswerMax) {
        return `must be at most ${SURVEY_LIMITS.textAnswerMax} characters`;
      }
      return undefined;
    default:
      return 'unknown question kind';
  }
}

/** The answers as stored: blank free text left out, text trimmed. */
export function normalizeAnswers(
  questions: SurveyQuestion[],
  answers: Answers,
): Answers {
  const stored: Answers = {};
  for (const question of questions) {
    const answer = answers[question.id];
    if (answer === undefined) continue;
    if (question.kind === 'text') {
      const text = String(answer).trim();
      if (text) stored[question.id] = text;
    } else {
      stored[question.id] = answer;
    }
  }
  return stored;
}
