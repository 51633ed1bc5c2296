import {
  createSurveySchema,
  responseSchema,
} from '@internal/plugin-platform-surveys-common';
import { DEMO_TEAMS } from './requestStory';
import { demoSurvey } from './surveyStory';

const now = Date.parse('2026-12-06T12:00:00Z');

describe('demoSurvey', () => {
  const survey = demoSurvey(now);

  it('is a survey the API accepts, created before it opens', () => {
    const parsed = createSurveySchema.parse(survey.input);
    expect(survey.createdAt).toBeLessThan(Date.parse(parsed.opensAt));
    expect(Date.parse(parsed.closesAt)).toBeLessThan(now);
  });

  it('has everyone answer the first round while it is open, and some the second so far', () => {
    const opens = Date.parse(survey.input.opensAt);
    const closes = Date.parse(survey.input.closesAt);
    const first = survey.answers.filter(a => a.round === 1);
    expect(new Set(first.map(a => a.by))).toEqual(
      new Set(Object.values(DEMO_TEAMS).flat()),
    );
    expect(first.every(a => a.at >= opens && a.at < closes)).toBe(true);
    const second = survey.answers.filter(a => a.round === 2);
    expect(second.length).toBeGreaterThan(0);
    expect(second.every(a => a.at > closes && a.at <= now)).toBe(true);
    for (const answer of survey.answers) {
      expect(
        responseSchema.safeParse({ answers: answer.answers }).success,
      ).toBe(true);
    }
  });
});
