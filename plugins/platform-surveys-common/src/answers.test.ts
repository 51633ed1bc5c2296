import { answerProblems, normalizeAnswers } from './answers';
import { SurveyQuestion } from './model';

const questions: SurveyQuestion[] = [
  { id: 'q1', kind: 'agreement', text: 'CI is fast' },
  { id: 'q2', kind: 'recommend', text: 'Recommend?' },
  { id: 'q3', kind: 'choice', text: 'Pain', options: ['CI', 'Docs'] },
  { id: 'q4', kind: 'text', text: 'Anything else?' },
];

describe('answerProblems', () => {
  it('accepts a full response, free text optional', () => {
    expect(answerProblems(questions, { q1: 5, q2: 0, q3: 'Docs' })).toEqual([]);
  });

  it('names each answer out of range, missing or unknown', () => {
    expect(
      answerProblems(questions, { q1: 0, q2: 10.5, q4: 7, q9: 1 }),
    ).toEqual([
      'answers.q9: no such question',
      'answers.q1: must be a whole number from 1 to 5',
      'answers.q2: must be a whole number from 0 to 10',
      'answers.q3: required',
      'answers.q4: must be text',
    ]);
  });

  it('stores free text trimmed and leaves blank text out', () => {
    expect(
      normalizeAnswers(questions, { q1: 3, q2: 7, q3: 'CI', q4: '   ' }),
    ).toEqual({ q1: 3, q2: 7, q3: 'CI' });
  });
});
