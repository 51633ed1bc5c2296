import { createSurveySchema } from './schemas';

const valid = {
  title: 'Developer experience pulse',
  questions: [
    { kind: 'agreement', text: 'Our CI is fast enough' },
    { kind: 'recommend', text: 'Would you recommend the platform?' },
    { kind: 'choice', text: 'Biggest pain', options: ['CI', 'Docs'] },
    { kind: 'text', text: 'Anything else?' },
  ],
  audience: { kind: 'everyone' },
  opensAt: '2026-01-05T09:00:00Z',
  closesAt: '2026-01-19T09:00:00Z',
};

function problems(input: unknown): string[] {
  const result = createSurveySchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
}

describe('createSurveySchema', () => {
  it('accepts a survey with every kind of question and fills defaults', () => {
    const parsed = createSurveySchema.parse(valid);
    expect(parsed.repeat).toBeNull();
    expect(parsed.description).toBe('');
  });

  it('refuses more than 10 questions', () => {
    const questions = Array.from({ length: 11 }, () => valid.questions[0]);
    expect(problems({ ...valid, questions })).toEqual([
      'questions: a survey has at most 10 questions',
    ]);
  });

  it('refuses a choice with one option or repeated options', () => {
    expect(
      problems({
        ...valid,
        questions: [{ kind: 'choice', text: 'Pick', options: ['a'] }],
      }),
    ).toEqual(['questions.0.options: a choice needs at least 2 options']);
    expect(
      problems({
        ...valid,
        questions: [{ kind: 'choice', text: 'Pick', options: ['a', 'a'] }],
      }),
    ).toEqual(['questions.0.options: options must differ']);
  });

  it('refuses an audience of users or of no group', () => {
    expect(
      problems({
        ...valid,
        audience: { kind: 'groups', groups: ['user:default/sam'] },
      }),
    ).toEqual([
      'audience.groups.0: must be a Group, like group:default/checkout-team',
    ]);
    expect(
      problems({ ...valid, audience: { kind: 'groups', groups: [] } }),
    ).toEqual(['audience.groups: name at least one group']);
  });

  it('refuses a window that closes before it opens or lasts over 60 days', () => {
    expect(problems({ ...valid, closesAt: '2026-01-01T00:00:00Z' })).toEqual([
      'closesAt: must be after opensAt',
    ]);
    expect(problems({ ...valid, closesAt: '2026-03-20T00:00:00Z' })).toEqual([
      'closesAt: a round is open for at most 60 days',
    ]);
  });
});
