import {
  createSurveySchema,
  responseSchema,
  roundsOf,
} from '@internal/plugin-platform-surveys-common';
import { DEMO_TEAMS } from './requestStory';
import {
  DEMO_SURVEY_IMPROVEMENT,
  DEMO_SURVEY_ROUND_2_MISSING,
  demoSurvey,
} from './surveyStory';

const DAY = 86_400_000;
const now = Date.parse('2026-12-06T12:00:00Z');
const FLOOR = 5;

describe('demoSurvey', () => {
  const survey = demoSurvey(now);
  const parsed = createSurveySchema.parse(survey.input);
  const rounds = roundsOf(parsed, new Date(now));
  const answersOf = (round: number) =>
    survey.answers.filter(a => a.round === round);
  const teamOf = (person: string) =>
    Object.keys(DEMO_TEAMS).find(t => DEMO_TEAMS[t].includes(person))!;

  it('is a survey the API accepts, created before it opens', () => {
    expect(survey.createdAt).toBeLessThan(Date.parse(parsed.opensAt));
    expect(Date.parse(parsed.closesAt)).toBeLessThan(now);
  });

  it('has two closed rounds and a third open now, answered only while open', () => {
    expect(rounds.map(r => r.state)).toEqual([
      'closed',
      'closed',
      'open',
      'upcoming',
    ]);
    for (const answer of survey.answers) {
      const round = rounds[answer.round - 1];
      expect(answer.at).toBeGreaterThanOrEqual(Date.parse(round.opensAt));
      expect(answer.at).toBeLessThan(Date.parse(round.closesAt));
      expect(answer.at).toBeLessThanOrEqual(now);
      expect(
        responseSchema.safeParse({ answers: answer.answers }).success,
      ).toBe(true);
    }
  });

  it('has everyone answer the first round, all but two the second, some the third so far', () => {
    const everyone = Object.values(DEMO_TEAMS).flat();
    expect(new Set(answersOf(1).map(a => a.by))).toEqual(new Set(everyone));
    expect(new Set(answersOf(2).map(a => a.by))).toEqual(
      new Set(everyone.filter(p => !DEMO_SURVEY_ROUND_2_MISSING.includes(p))),
    );
    expect(answersOf(3).length).toBeGreaterThan(0);
    expect(answersOf(3).length).toBeLessThan(everyone.length);
    expect(answersOf(4)).toEqual([]);
  });

  it('has teams above the floor in the closed rounds, and small teams that stay hidden together', () => {
    for (const round of [1, 2]) {
      const byTeam = new Map<string, number>();
      for (const answer of answersOf(round)) {
        const team = teamOf(answer.by);
        byTeam.set(team, (byTeam.get(team) ?? 0) + 1);
      }
      const shown = [...byTeam].filter(([, n]) => n >= FLOOR).map(([t]) => t);
      expect(shown.sort()).toEqual([
        'customer-web-team',
        'payments-team',
        'routing-team',
      ]);
      expect(byTeam.get('checkout-team')).toBeLessThan(FLOOR);
      // The hidden teams together reach the floor, so no shown team has to
      // be hidden as well (the differencing rule).
      const hidden = [...byTeam]
        .filter(([t]) => !shown.includes(t))
        .reduce((sum, [, n]) => sum + n, 0);
      expect(hidden).toBeGreaterThanOrEqual(FLOOR);
    }
  });

  it('keeps the third round open on any day of the year', () => {
    for (let day = 0; day < 366; day++) {
      const at = Date.parse('2026-01-01T00:00:00Z') + day * DAY + 17_000_000;
      const states = roundsOf(
        createSurveySchema.parse(demoSurvey(at).input),
        new Date(at),
      ).map(r => r.state);
      expect(states).toEqual(['closed', 'closed', 'open', 'upcoming']);
    }
  });

  describe('the improvement targeting a question (Kafka topic self-service)', () => {
    const improvement = DEMO_SURVEY_IMPROVEMENT;
    const question = improvement.surveyQuestion!;
    const scores = (round: number, inScope: boolean) =>
      answersOf(round)
        .filter(a => improvement.teams.includes(teamOf(a.by)) === inScope)
        .map(a => a.answers[question] as number);
    const mean = (values: number[]) =>
      values.reduce((sum, v) => sum + v, 0) / values.length;

    it('targets an agreement question, for teams the results show on their own', () => {
      expect(improvement.title).toBe('Kafka topic self-service');
      const index = Number(question.slice(1)) - 1;
      expect(parsed.questions[index].kind).toBe('agreement');
      expect(improvement.teams).toEqual(['customer-web-team']);
    });

    it('ships between two closed rounds, each within the 90-day windows, on any day of the year', () => {
      for (let day = 0; day < 366; day++) {
        const at = Date.parse('2026-01-01T00:00:00Z') + day * DAY + 17_000_000;
        const closings = roundsOf(
          createSurveySchema.parse(demoSurvey(at).input),
          new Date(at),
        )
          .filter(r => r.state === 'closed')
          .map(r => Date.parse(r.closesAt));
        const shipped = at - improvement.shippedDaysAgo! * DAY;
        const before = closings.filter(
          c => c >= shipped - 90 * DAY && c < shipped,
        );
        const after = closings.filter(
          c => c > shipped && c <= shipped + 90 * DAY,
        );
        expect([before.length, after.length]).toEqual([1, 1]);
      }
    });

    it("lifts the scope's answers after it shipped, with no overlap, while everyone else stays about flat", () => {
      const [scopeBefore, scopeAfter] = [scores(1, true), scores(2, true)];
      expect(scopeBefore).toHaveLength(5);
      expect(scopeAfter).toHaveLength(5);
      expect(Math.max(...scopeBefore)).toBeLessThan(Math.min(...scopeAfter));
      expect(mean(scopeAfter) - mean(scopeBefore)).toBeGreaterThan(1.5);
      const restChange = mean(scores(2, false)) - mean(scores(1, false));
      expect(Math.abs(restChange)).toBeLessThan(0.4);
    });
  });
});
