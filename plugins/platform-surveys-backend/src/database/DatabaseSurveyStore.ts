/*
 * All SQL of pulse surveys. A response is written in one transaction (its
 * row and its answers replaced together). Aggregates group in SQL and are
 * asked for by team, so rows of teams below the anonymity floor never leave
 * the database: the service decides which teams may be read before it asks.
 */
import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { compareText } from '../service/anonymity';
import { applyMigrations } from './migrations';
import {
  OfTeam,
  ResponseKey,
  StoredSurvey,
  SurveyStore,
  TeamCount,
  TeamScope,
  TextAnswer,
  ValueCount,
} from './SurveyStore';

type SurveyRow = {
  id: string;
  title: string;
  description: string;
  questions: string;
  audience: string;
  opens_at: string | Date;
  closes_at: string | Date;
  round_count: number;
  created_by: string;
  created_at: string | Date;
};

function toIso(value: string | Date): string {
  return new Date(value).toISOString();
}

function toSurvey(row: SurveyRow): StoredSurvey {
  const rounds = Number(row.round_count);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    questions: JSON.parse(row.questions),
    audience: JSON.parse(row.audience),
    opensAt: toIso(row.opens_at),
    closesAt: toIso(row.closes_at),
    repeat: rounds > 1 ? { every: 'quarter', rounds } : null,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
  };
}

/** Limits a query to the respondents of some teams (`null`: no team). */
function inScope(query: Knex.QueryBuilder, scope: TeamScope) {
  if (scope.kind === 'all') return query;
  const named = scope.teams.filter((t): t is string => t !== null);
  const withNone = scope.teams.includes(null);
  return query.where(q => {
    q.whereIn('team', named);
    if (withNone) q.orWhereNull('team');
  });
}

function valueOf(row: { value_number: unknown; value_text: unknown }) {
  return row.value_number !== null && row.value_number !== undefined
    ? Number(row.value_number)
    : String(row.value_text);
}

export class DatabaseSurveyStore implements SurveyStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSurveyStore> {
    const knex = await options.database.getClient();
    await applyMigrations(options.database, knex);
    return new DatabaseSurveyStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  async createSurvey(survey: StoredSurvey): Promise<void> {
    await this.knex('surveys').insert({
      id: survey.id,
      title: survey.title,
      description: survey.description,
      questions: JSON.stringify(survey.questions),
      audience: JSON.stringify(survey.audience),
      opens_at: survey.opensAt,
      closes_at: survey.closesAt,
      round_count: survey.repeat?.rounds ?? 1,
      created_by: survey.createdBy,
      created_at: survey.createdAt,
    });
  }

  async getSurvey(id: string): Promise<StoredSurvey | undefined> {
    const row = await this.knex<SurveyRow>('surveys').where({ id }).first();
    return row ? toSurvey(row) : undefined;
  }

  async listSurveys(): Promise<StoredSurvey[]> {
    const rows = await this.knex<SurveyRow>('surveys')
      .orderBy('opens_at', 'desc')
      .orderBy('id');
    return rows.map(toSurvey);
  }

  async saveResponse(
    key: ResponseKey,
    team: string | null,
    answers: Record<string, number | string>,
  ): Promise<{ replaced: boolean }> {
    const where = {
      survey_id: key.surveyId,
      round: key.round,
      respondent_hash: key.respondentHash,
    };
    return this.knex.transaction(async tx => {
      const deleted = await tx('survey_responses').where(where).delete();
      await tx('survey_answers').where(where).delete();
      await tx('survey_responses').insert({ ...where, team });
      const rows = Object.entries(answers).map(([questionId, value]) => ({
        ...where,
        question_id: questionId,
        team,
        value_number: typeof value === 'number' ? value : null,
        value_text: typeof value === 'string' ? value : null,
      }));
      if (rows.length) await tx('survey_answers').insert(rows);
      return { replaced: deleted > 0 };
    });
  }

  async answered(keys: ResponseKey[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.knex('survey_responses')
      .select('respondent_hash')
      .where(q => {
        for (const k of keys) {
          q.orWhere({
            survey_id: k.surveyId,
            round: k.round,
            respondent_hash: k.respondentHash,
          });
        }
      });
    return new Set(rows.map(r => r.respondent_hash));
  }

  async respondentsByTeam(
    surveyId: string,
    round: number,
  ): Promise<TeamCount[]> {
    const rows = await this.knex('survey_responses')
      .select('team')
      .count({ n: '*' })
      .where({ survey_id: surveyId, round })
      .groupBy('team');
    return rows.map((r: any) => ({
      team: r.team ?? null,
      n: Number(r.n),
    }));
  }

  async valueCounts(
    surveyId: string,
    round: number,
    questionIds: string[],
    scope: TeamScope,
  ): Promise<ValueCount[]> {
    if (questionIds.length === 0) return [];
    if (scope.kind === 'teams' && scope.teams.length === 0) return [];
    const query = this.knex('survey_answers')
      .select('question_id', 'value_number', 'value_text')
      .count({ count: '*' })
      .where({ survey_id: surveyId, round })
      .whereIn('question_id', questionIds)
      .groupBy('question_id', 'value_number', 'value_text');
    const rows = await inScope(query, scope);
    return rows.map((r: any) => ({
      questionId: r.question_id,
      value: valueOf(r),
      count: Number(r.count),
    }));
  }

  async textAnswers(
    surveyId: string,
    round: number,
    questionIds: string[],
    scope: TeamScope,
  ): Promise<TextAnswer[]> {
    if (questionIds.length === 0) return [];
    if (scope.kind === 'teams' && scope.teams.length === 0) return [];
    const query = this.knex('survey_answers')
      .select('question_id', 'value_text')
      .where({ survey_id: surveyId, round })
      .whereIn('question_id', questionIds)
      .whereNotNull('value_text');
    const rows = await inScope(query, scope);
    // Sorted here, not in SQL: collations differ between the databases,
    // and the order must say nothing about who wrote what.
    return rows
      .map((r: any) => ({ questionId: r.question_id, text: r.value_text }))
      .sort(
        (a: TextAnswer, b: TextAnswer) =>
          compareText(a.questionId, b.questionId) ||
          compareText(a.text, b.text),
      );
  }

  async valueCountsByTeam(
    surveyId: string,
    round: number,
    questionIds: string[],
    teams: Array<string | null>,
  ): Promise<Array<OfTeam<ValueCount>>> {
    if (questionIds.length === 0 || teams.length === 0) return [];
    const query = this.knex('survey_answers')
      .select('team', 'question_id', 'value_number', 'value_text')
      .count({ count: '*' })
      .where({ survey_id: surveyId, round })
      .whereIn('question_id', questionIds)
      .groupBy('team', 'question_id', 'value_number', 'value_text');
    // The teams filter runs in SQL, so rows of hidden teams are never read.
    const rows = await inScope(query, { kind: 'teams', teams });
    return rows.map((r: any) => ({
      team: r.team ?? null,
      questionId: r.question_id,
      value: valueOf(r),
      count: Number(r.count),
    }));
  }

  async textAnswersByTeam(
    surveyId: string,
    round: number,
    questionIds: string[],
    teams: Array<string | null>,
  ): Promise<Array<OfTeam<TextAnswer>>> {
    if (questionIds.length === 0 || teams.length === 0) return [];
    const query = this.knex('survey_answers')
      .select('team', 'question_id', 'value_text')
      .where({ survey_id: surveyId, round })
      .whereIn('question_id', questionIds)
      .whereNotNull('value_text');
    const rows = await inScope(query, { kind: 'teams', teams });
    // Sorted as textAnswers sorts, so each team's list is in the same order.
    return rows
      .map((r: any) => ({
        team: r.team ?? null,
        questionId: r.question_id,
        text: r.value_text,
      }))
      .sort(
        (a: TextAnswer, b: TextAnswer) =>
          compareText(a.questionId, b.questionId) ||
          compareText(a.text, b.text),
      );
  }

  async saveRunRating(rating: {
    runHash: string;
    templateRef: string;
    score: number;
    month: string;
  }): Promise<void> {
    await this.knex('golden_path_ratings')
      .insert({
        run_hash: rating.runHash,
        template_ref: rating.templateRef,
        score: rating.score,
        rated_month: rating.month,
      })
      .onConflict('run_hash')
      .merge(['score', 'rated_month']);
  }

  async runRatingCounts(): Promise<
    Array<{ templateRef: string; score: number; count: number }>
  > {
    const rows = await this.knex('golden_path_ratings')
      .select('template_ref', 'score')
      .count({ count: '*' })
      .groupBy('template_ref', 'score');
    return rows.map((r: any) => ({
      templateRef: r.template_ref,
      score: Number(r.score),
      count: Number(r.count),
    }));
  }

  async claimRoundNotification(
    surveyId: string,
    round: number,
    at: Date,
  ): Promise<boolean> {
    const inserted = await this.knex('survey_round_notifications')
      .insert({ survey_id: surveyId, round, sent_at: at.toISOString() })
      .onConflict(['survey_id', 'round'])
      .ignore()
      .returning('survey_id');
    return inserted.length > 0;
  }

  async releaseRoundNotification(
    surveyId: string,
    round: number,
  ): Promise<void> {
    await this.knex('survey_round_notifications')
      .where({ survey_id: surveyId, round })
      .delete();
  }
}
