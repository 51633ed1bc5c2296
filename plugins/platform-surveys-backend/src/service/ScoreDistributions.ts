/*
 * One scale question's answers counted per value over the rounds that closed
 * in a time range, for some teams (the scope) and for everyone else (the
 * rest): what an improvement's survey-score KPI is tested with.
 *
 * Each round is decided on its own, from its respondent counts, before any
 * answer is read (anonymity.ts): it counts only if everyone who answered
 * reaches the floor and every scope team that answered is one the by-team
 * results show. Then the scope is a sum of shown teams and the rest is
 * everyone minus those: both follow from results anyone with this
 * permission can already read, so no choice of teams (one team below the
 * floor, or two scopes differenced) reveals a hidden team. A withheld round
 * counts for neither side, since everyone minus one side is the other.
 */
import { InputError, NotFoundError } from '@backstage/errors';
import {
  AnswerCount,
  DistributionSide,
  roundsOf,
  SCALES,
  ScoreDistribution,
  ScoreDistributionQuery,
} from '@internal/plugin-platform-surveys-common';
import { SurveyStore, ValueCount } from '../database/SurveyStore';
import { visibleGroups } from './anonymity';

const lower = (team: string) => team.toLocaleLowerCase('en-US');

/** Per side: respondents and value counts summed over the counted rounds. */
type Tally = { respondents: number; counts: Map<number, number> };

export class ScoreDistributions {
  constructor(
    private readonly store: SurveyStore,
    private readonly floor: number,
  ) {}

  async distribution(
    query: ScoreDistributionQuery,
    now: Date,
  ): Promise<ScoreDistribution> {
    const survey = await this.store.getSurvey(query.survey);
    if (!survey) throw new NotFoundError(`no survey ${query.survey}`);
    const question = survey.questions.find(q => q.id === query.question);
    if (!question) {
      throw new NotFoundError(
        `survey ${survey.id} has no question ${query.question}`,
      );
    }
    if (question.kind !== 'agreement' && question.kind !== 'recommend') {
      throw new InputError(
        `question: ${question.id} is a ${question.kind} question; only agreement and recommend questions have a score`,
      );
    }
    const from = Date.parse(query.closedFrom);
    const before = Date.parse(query.closedBefore);
    const everyone = query.team.length === 0;
    const scopeTeams = new Set(query.team);

    const scope: Tally = { respondents: 0, counts: new Map() };
    const rest: Tally = { respondents: 0, counts: new Map() };
    const rounds: ScoreDistribution['rounds'] = [];
    for (const window of roundsOf(survey, now)) {
      const closes = Date.parse(window.closesAt);
      if (window.state !== 'closed' || closes < from || closes >= before) {
        continue;
      }
      const respondents = await this.store.respondentsByTeam(
        survey.id,
        window.round,
      );
      const visibility = visibleGroups(respondents, this.floor);
      const inScope = respondents.filter(
        c => c.n > 0 && c.team !== null && scopeTeams.has(lower(c.team)),
      );
      const shown = new Set(visibility.teams.map(t => t.team));
      const counted =
        visibility.overall && inScope.every(c => shown.has(c.team));
      rounds.push({
        round: window.round,
        closesAt: window.closesAt,
        counted,
      });
      if (!counted) continue;

      const all = await this.store.valueCounts(
        survey.id,
        window.round,
        [question.id],
        { kind: 'all' },
      );
      // Only shown teams' rows are read (checked just above).
      const ofScope = everyone
        ? all
        : await this.store.valueCountsByTeam(
            survey.id,
            window.round,
            [question.id],
            inScope.map(c => c.team),
          );
      const scopeRespondents = everyone
        ? visibility.overallRespondents
        : inScope.reduce((sum, c) => sum + c.n, 0);
      add(scope, scopeRespondents, ofScope, 1);
      add(rest, visibility.overallRespondents - scopeRespondents, all, 1);
      add(rest, 0, ofScope, -1);
    }

    const values = SCALES[question.kind];
    return {
      surveyId: survey.id,
      surveyTitle: survey.title,
      questionId: question.id,
      questionText: question.text,
      kind: question.kind,
      floor: this.floor,
      closedFrom: new Date(from).toISOString(),
      closedBefore: new Date(before).toISOString(),
      rounds,
      scope: this.side(scope, values),
      rest: everyone ? null : this.side(rest, values),
    };
  }

  private side(tally: Tally, values: readonly number[]): DistributionSide {
    const distribution: AnswerCount[] = values.map(value => ({
      value,
      count: tally.counts.get(value) ?? 0,
    }));
    const n = distribution.reduce((sum, d) => sum + d.count, 0);
    // Each counted round's side is none or at least the floor; the sum is
    // checked again so that no side below it is ever answered.
    if (tally.respondents < this.floor || n === 0) return { enough: false };
    return { enough: true, respondents: tally.respondents, n, distribution };
  }
}

function add(
  tally: Tally,
  respondents: number,
  counts: ValueCount[],
  sign: 1 | -1,
) {
  tally.respondents += respondents;
  for (const c of counts) {
    if (typeof c.value !== 'number') continue;
    tally.counts.set(
      c.value,
      (tally.counts.get(c.value) ?? 0) + sign * c.count,
    );
  }
}
