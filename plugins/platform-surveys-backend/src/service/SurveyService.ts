/*
 * The rules of pulse surveys around the store: defining a survey, who is in
 * its audience, answering once per round while it is open, and results cut
 * at the anonymity floor (SurveyResults). Times come from the caller (the
 * router's request clock), never from the wall clock here.
 */
import { BackstageUserInfo } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  answerProblems,
  normalizeAnswers,
  NewSurvey,
  OpenSurveyRound,
  RoundResults,
  roundsOf,
  Survey,
  SurveyAudience,
  SurveyResponseInput,
  SurveyTrend,
} from '@internal/plugin-platform-surveys-common';
import { randomUUID } from 'node:crypto';
import { StoredSurvey, SurveyStore } from '../database/SurveyStore';
import { PeopleDirectory } from '@internal/plugin-platform-node';
import { RespondentHasher } from './respondentHash';
import { SurveyResults } from './SurveyResults';

/** The person answering: who they are, for the hash and their groups. */
export type Person = BackstageUserInfo;

export type ScorePoint = {
  round: number;
  closesAt: string;
  enough: boolean;
  mean?: number;
  n?: number;
};

export class SurveyService {
  readonly results: SurveyResults;

  constructor(
    private readonly store: SurveyStore,
    private readonly people: Pick<PeopleDirectory, 'groupsOf' | 'teamNames'>,
    private readonly hash: RespondentHasher,
    readonly floor: number,
  ) {
    this.results = new SurveyResults(store, floor);
  }

  async create(input: NewSurvey, createdBy: string, now: Date) {
    const stored: StoredSurvey = {
      id: randomUUID(),
      title: input.title,
      description: input.description,
      questions: input.questions.map((q, i) => ({ id: `q${i + 1}`, ...q })),
      audience: input.audience,
      opensAt: new Date(input.opensAt).toISOString(),
      closesAt: new Date(input.closesAt).toISOString(),
      repeat: input.repeat,
      createdBy,
      createdAt: now.toISOString(),
    };
    await this.store.createSurvey(stored);
    return this.view(stored, now);
  }

  async list(now: Date): Promise<Survey[]> {
    return (await this.store.listSurveys()).map(s => this.view(s, now));
  }

  async get(id: string, now: Date): Promise<Survey> {
    return this.view(await this.stored(id), now);
  }

  /** The open rounds the person is in the audience of. */
  async openFor(person: Person, now: Date): Promise<OpenSurveyRound[]> {
    const groups = await this.people.groupsOf(person);
    const open = (await this.store.listSurveys())
      .filter(s => inAudience(s.audience, groups))
      .flatMap(s =>
        roundsOf(s, now)
          .filter(r => r.state === 'open')
          .map(round => ({ survey: s, round })),
      );
    const keys = open.map(({ survey, round }) => ({
      surveyId: survey.id,
      round: round.round,
      respondentHash: this.hash(survey.id, round.round, person.userEntityRef),
    }));
    const answered = await this.store.answered(keys);
    return open.map(({ survey, round }, i) => ({
      survey: {
        id: survey.id,
        title: survey.title,
        description: survey.description,
        questions: survey.questions,
      },
      round,
      answered: answered.has(keys[i].respondentHash),
    }));
  }

  /** Answers a round, or replaces the person's answer while it is open. */
  async respond(
    id: string,
    roundNumber: number,
    input: SurveyResponseInput,
    person: Person,
    now: Date,
  ): Promise<{ answered: true; replaced: boolean }> {
    const survey = await this.stored(id);
    const round = roundsOf(survey, now)[roundNumber - 1];
    if (!round) {
      throw new NotFoundError(
        `survey ${id} has no round ${roundNumber}; it has ${
          survey.repeat?.rounds ?? 1
        }`,
      );
    }
    const groups = await this.people.groupsOf(person);
    if (!inAudience(survey.audience, groups)) {
      throw new NotAllowedError(
        'only the audience of this survey may answer it; you are in none of its groups',
      );
    }
    if (round.state === 'upcoming') {
      throw new ConflictError(
        `round ${roundNumber} opens at ${round.opensAt}; answers are accepted from then`,
      );
    }
    if (round.state === 'closed') {
      throw new ConflictError(
        `round ${roundNumber} closed at ${round.closesAt}; answers can no longer be given or changed`,
      );
    }
    const problems = answerProblems(survey.questions, input.answers);
    if (problems.length) throw new InputError(problems.join('; '));
    const { replaced } = await this.store.saveResponse(
      {
        surveyId: id,
        round: roundNumber,
        respondentHash: this.hash(id, roundNumber, person.userEntityRef),
      },
      groups[0] ?? null,
      normalizeAnswers(survey.questions, input.answers),
    );
    // Only demo backdating answers a round that has closed by the wall
    // clock; its kept results are stale now.
    this.results.closedRounds.forget(id);
    return { answered: true, replaced };
  }

  async roundResults(
    id: string,
    round: number,
    now: Date,
    team?: string,
  ): Promise<RoundResults> {
    const survey = await this.stored(id);
    this.requireRound(survey, round);
    return this.results.round(survey, round, now, team);
  }

  /** The catalog's names of the teams of some results, by ref. */
  async teamNames(results: RoundResults): Promise<Map<string, string>> {
    const refs = [results.overall, ...results.byTeam].flatMap(g =>
      g.team ? [g.team] : [],
    );
    return this.people.teamNames([...new Set(refs)]);
  }

  async trend(id: string, now: Date, team?: string): Promise<SurveyTrend> {
    return this.results.trend(await this.stored(id), now, team);
  }

  /** One question's mean per closed round, for KPIs; everyone, with the floor. */
  async scores(
    id: string,
    questionId: string,
    now: Date,
  ): Promise<{ surveyId: string; questionId: string; points: ScorePoint[] }> {
    const survey = await this.stored(id);
    const question = survey.questions.find(q => q.id === questionId);
    if (!question) {
      throw new NotFoundError(`survey ${id} has no question ${questionId}`);
    }
    if (question.kind !== 'agreement' && question.kind !== 'recommend') {
      throw new InputError(
        `question: ${questionId} is a ${question.kind} question; only agreement and recommend questions have a score`,
      );
    }
    const trend = await this.results.trend(survey, now);
    return {
      surveyId: id,
      questionId,
      points: trend.points.map(p =>
        p.enough
          ? {
              round: p.round,
              closesAt: p.closesAt,
              enough: true,
              mean: p.means![questionId],
              n: p.respondents,
            }
          : { round: p.round, closesAt: p.closesAt, enough: false },
      ),
    };
  }

  async stored(id: string): Promise<StoredSurvey> {
    const survey = await this.store.getSurvey(id);
    if (!survey) throw new NotFoundError(`no survey ${id}`);
    return survey;
  }

  private requireRound(survey: StoredSurvey, round: number) {
    const rounds = survey.repeat?.rounds ?? 1;
    if (round > rounds) {
      throw new NotFoundError(
        `survey ${survey.id} has no round ${round}; it has ${rounds}`,
      );
    }
  }

  private view(survey: StoredSurvey, now: Date): Survey {
    return { ...survey, rounds: roundsOf(survey, now) };
  }
}

export function inAudience(audience: SurveyAudience, groups: string[]) {
  if (audience.kind === 'everyone') return true;
  const mine = new Set(groups.map(g => g.toLocaleLowerCase('en-US')));
  return audience.groups.some(g => mine.has(g.toLocaleLowerCase('en-US')));
}
