/*
 * The results of a closed round, its trend across rounds and survey scores,
 * cut at the anonymity floor. Visibility is decided from respondent counts
 * first (anonymity.ts); only then are aggregates read, and only for the
 * groups that may be shown. A closed round's results are computed once for
 * everyone and kept a short while (ClosedRoundCache); a team filter, trend
 * points and scores are cut from them.
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
import { compareText, visibleGroups } from './anonymity';
import { ClosedRoundCache } from './ClosedRoundCache';
import { meanOf, medianOf, round2 } from './statistics';

const COUNTED = new Set(['agreement', 'recommend', 'choice']);
const SCALE = new Set(['agreement', 'recommend']);

export class SurveyResults {
  constructor(
    private readonly store: SurveyStore,
    private readonly floor: number,
    readonly closedRounds = new ClosedRoundCache(),
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
    const everyone = await this.closedRounds.get(survey.id, round, () =>
      this.everyone(survey, round, base),
    );
    if (team === undefined) return everyone;
    // A team filter answers with exactly what the by-team view shows for
    // that team, so it is cut from it.
    return {
      ...base,
      overall: shownTeam(everyone, team) ?? { team, enough: false },
      byTeam: [],
    };
  }

  async trend(
    survey: StoredSurvey,
    now: Date,
    team?: string,
  ): Promise<SurveyTrend> {
    const scaleIds = new Set(
      survey.questions.filter(q => SCALE.has(q.kind)).map(q => q.id),
    );
    const closed = roundsOf(survey, now).filter(w => w.state === 'closed');
    // Each point is the round's results (kept while the round stays closed).
    const points = await Promise.all(
      closed.map(async (window): Promise<TrendPoint> => {
        const results = await this.round(survey, window.round, now, team);
        const shown = results.overall;
        if (!shown.enough) {
          return {
            round: window.round,
            closesAt: window.closesAt,
            enough: false,
          };
        }
        const means: Record<string, number> = {};
        for (const q of shown.questions) {
          if (scaleIds.has(q.questionId) && 'mean' in q)
            means[q.questionId] = q.mean;
        }
        return {
          round: window.round,
          closesAt: window.closesAt,
          enough: true,
          respondents: shown.respondents,
          means,
        };
      }),
    );
    return {
      surveyId: survey.id,
      team: team ?? null,
      floor: this.floor,
      points,
    };
  }

  /** A closed round's results for everyone: overall and each team. */
  private async everyone(
    survey: StoredSurvey,
    round: number,
    base: Omit<RoundResults, 'overall' | 'byTeam'>,
  ): Promise<RoundResults> {
    const visibility = visibleGroups(
      await this.store.respondentsByTeam(survey.id, round),
      this.floor,
    );
    const [overall, byTeam] = await Promise.all([
      visibility.overall
        ? this.group(survey, round, undefined, visibility.overallRespondents)
        : Promise.resolve<GroupResult>({ team: null, enough: false }),
      this.teams(survey, round, visibility.teams),
    ]);
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

/** The shown group of the team asked for, from everyone's results. */
function shownTeam(
  everyone: RoundResults,
  team: string,
): GroupResult | undefined {
  return everyone.byTeam.find(
    g => g.enough && g.team !== null && sameTeam(g.team, team),
  );
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
