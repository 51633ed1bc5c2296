/*
 * The results of a closed round, its trend across rounds and survey scores,
 * cut at the anonymity floor. Visibility is decided from respondent counts
 * first (anonymity.ts); only then are aggregates read, and only for the
 * groups that may be shown.
 */
import {
  AnswerCount,
  GroupResult,
  QuestionResult,
  RoundResults,
  SCALES,
  SurveyQuestion,
  SurveyTrend,
  TrendPoint,
  roundsOf,
} from '@internal/plugin-platform-surveys-common';
import {
  StoredSurvey,
  SurveyStore,
  TeamScope,
  TextAnswer,
  ValueCount,
} from '../database/SurveyStore';
import { compareText, Visibility, visibleGroups } from './anonymity';
import { meanOf, medianOf, round2 } from './statistics';

const COUNTED = new Set(['agreement', 'recommend', 'choice']);
const SCALE = new Set(['agreement', 'recommend']);

export class SurveyResults {
  constructor(
    private readonly store: SurveyStore,
    private readonly floor: number,
  ) {}

  async round(
    survey: StoredSurvey,
    round: number,
    now: Date,
    team?: string,
  ): Promise<RoundResults> {
    const window = roundsOf(survey, now)[round - 1];
    const base = {
      surveyId: survey.id,
      round,
      state: window.state,
      floor: this.floor,
    };
    // Open rounds show nothing: results that change as answers arrive would
    // tell what the latest respondent answered.
    if (window.state !== 'closed') {
      return {
        ...base,
        overall: { team: team ?? null, enough: false },
        byTeam: [],
      };
    }
    const visibility = visibleGroups(
      await this.store.respondentsByTeam(survey.id, round),
      this.floor,
    );
    if (team !== undefined) {
      const shown = visibility.teams.find(t => sameTeam(t.team, team));
      return {
        ...base,
        overall: shown
          ? await this.group(survey, round, shown.team, shown.n)
          : { team, enough: false },
        byTeam: [],
      };
    }
    const overall: GroupResult = visibility.overall
      ? await this.group(
          survey,
          round,
          undefined,
          visibility.overallRespondents,
        )
      : { team: null, enough: false };
    const byTeam = await this.teams(survey, round, visibility.teams);
    const hidden: GroupResult[] = visibility.hidden.map(t => ({
      team: t,
      enough: false,
    }));
    return {
      ...base,
      overall,
      byTeam: [...byTeam, ...hidden].sort((a, b) =>
        compareText(a.team ?? '', b.team ?? ''),
      ),
    };
  }

  async trend(
    survey: StoredSurvey,
    now: Date,
    team?: string,
  ): Promise<SurveyTrend> {
    const scaleIds = survey.questions
      .filter(q => SCALE.has(q.kind))
      .map(q => q.id);
    const points: TrendPoint[] = [];
    for (const window of roundsOf(survey, now)) {
      if (window.state !== 'closed') continue;
      const visibility = visibleGroups(
        await this.store.respondentsByTeam(survey.id, window.round),
        this.floor,
      );
      const shown = shownScope(visibility, team);
      if (!shown) {
        points.push({
          round: window.round,
          closesAt: window.closesAt,
          enough: false,
        });
        continue;
      }
      const counts = await this.store.valueCounts(
        survey.id,
        window.round,
        scaleIds,
        shown.scope,
      );
      const means: Record<string, number> = {};
      for (const id of scaleIds) {
        means[id] = round2(meanOf(counts.filter(c => c.questionId === id)));
      }
      points.push({
        round: window.round,
        closesAt: window.closesAt,
        enough: true,
        respondents: shown.n,
        means,
      });
    }
    return {
      surveyId: survey.id,
      team: team ?? null,
      floor: this.floor,
      points,
    };
  }

  private async group(
    survey: StoredSurvey,
    round: number,
    team: string | null | undefined,
    respondents: number,
  ): Promise<GroupResult> {
    const scope: TeamScope =
      team === undefined ? { kind: 'all' } : { kind: 'teams', teams: [team] };
    const [counts, answers] = await Promise.all([
      this.store.valueCounts(survey.id, round, countedIds(survey), scope),
      this.store.textAnswers(survey.id, round, textIds(survey), scope),
    ]);
    return groupResult(survey, team ?? null, respondents, counts, answers);
  }

  /**
   * The shown teams' results in one grouped query each for counts and free
   * text (not one step per team), read only for the teams the floor and the
   * differencing rule let through, then cut per team here.
   */
  private async teams(
    survey: StoredSurvey,
    round: number,
    shown: Array<{ team: string | null; n: number }>,
  ): Promise<GroupResult[]> {
    const teams = shown.map(t => t.team);
    const [counts, answers] = await Promise.all([
      this.store.valueCountsByTeam(survey.id, round, countedIds(survey), teams),
      this.store.textAnswersByTeam(survey.id, round, textIds(survey), teams),
    ]);
    return shown.map(t =>
      groupResult(
        survey,
        t.team,
        t.n,
        counts.filter(c => c.team === t.team),
        answers.filter(a => a.team === t.team),
      ),
    );
  }
}

function countedIds(survey: StoredSurvey): string[] {
  return survey.questions.filter(q => COUNTED.has(q.kind)).map(q => q.id);
}

function textIds(survey: StoredSurvey): string[] {
  return survey.questions.filter(q => q.kind === 'text').map(q => q.id);
}

function groupResult(
  survey: StoredSurvey,
  team: string | null,
  respondents: number,
  counts: ValueCount[],
  answers: TextAnswer[],
): GroupResult {
  return {
    team,
    enough: true,
    respondents,
    questions: survey.questions.map(q =>
      questionResult(
        q,
        counts.filter(c => c.questionId === q.id),
        answers.filter(a => a.questionId === q.id).map(a => a.text),
      ),
    ),
  };
}

/** The group a trend point may show: everyone, or the team asked for. */
function shownScope(
  visibility: Visibility,
  team: string | undefined,
): { scope: TeamScope; n: number } | undefined {
  if (team === undefined) {
    return visibility.overall
      ? { scope: { kind: 'all' }, n: visibility.overallRespondents }
      : undefined;
  }
  const shown = visibility.teams.find(t => sameTeam(t.team, team));
  return shown && { scope: { kind: 'teams', teams: [shown.team] }, n: shown.n };
}

function sameTeam(a: string | null, b: string): boolean {
  return (
    a !== null && a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US')
  );
}

function questionResult(
  question: SurveyQuestion,
  counts: ValueCount[],
  texts: string[],
): QuestionResult {
  if (question.kind === 'text') {
    return {
      questionId: question.id,
      kind: 'text',
      n: texts.length,
      answers: texts,
    };
  }
  const values: ReadonlyArray<number | string> =
    question.kind === 'choice' ? question.options : SCALES[question.kind];
  const distribution: AnswerCount[] = values.map(value => ({
    value,
    count: counts.find(c => c.value === value)?.count ?? 0,
  }));
  const n = distribution.reduce((sum, d) => sum + d.count, 0);
  if (question.kind === 'choice') {
    return { questionId: question.id, kind: 'choice', n, distribution };
  }
  return {
    questionId: question.id,
    kind: question.kind,
    n,
    distribution,
    mean: round2(meanOf(distribution)),
    median: medianOf(distribution),
  };
}
