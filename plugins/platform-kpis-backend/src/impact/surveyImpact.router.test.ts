/*
 * GET /impact for survey-score KPIs with the real platform-surveys backend
 * beside this one (its own database), on SQLite and PostgreSQL, through
 * Lodestar's policy: survey scores are read on behalf of the person asking.
 *
 * The hand-worked fixture, floor 5. Ship date 2026-03-01, 90-day windows:
 * before = rounds closed in [2025-12-01, 2026-03-01), after = in
 * (2026-03-01, 2026-05-30]. "Pulse", quarterly, rounds closing 2026-02-15
 * and 2026-05-15, q1 "CI is fast enough" (1–5):
 *   checkout (the scope): round 1 2,2,3,3,3,4 (mean 17/6 = 2.83); round 2
 *     4,4,4,5,5,5 (mean 4.5): +59 %.
 *   payments (the rest): round 1 all 3 (mean 3); round 2 3,3,3,3,3,4
 *     (mean 19/6 = 3.17): +5.6 %.
 *   Mann–Whitney U of the scope, after against before: pooled ranks 2 → 1.5,
 *     3 → 4, 4 → 7.5 (one before, three after), 5 → 11. Rank sum after =
 *     3·7.5 + 3·11 = 55.5, U = 55.5 − 21 = 34.5, mean 18. Ties Σ(t³ − t) =
 *     6 + 24 + 60 + 24 = 114; variance = 36/12 · (13 − 114/132) = 36.409.
 *     z = (16.5 − 0.5)/√36.409 = 2.652, p = 0.008 < 0.05: improved, and the
 *     scope's +59 % beats the rest's +5.6 %.
 * "Small pulse", one round closing 2026-05-15: checkout 3, payments 8.
 * Checkout is below the floor, and the hidden 3 would then be payments'
 * complement: neither side may be shown.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { notificationService } from '@backstage/plugin-notifications-node';
import platformSurveysPlugin from '@internal/plugin-platform-surveys-backend';
import { Knex } from 'knex';
import {
  KpisBackend,
  PLATFORM_USER,
  startKpisBackend,
  TEAMS,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SHIP = '2026-03-01';
const SURVEY = {
  title: 'Pulse',
  description: '',
  questions: [
    { kind: 'agreement', text: 'CI is fast enough' },
    { kind: 'choice', text: 'Biggest pain', options: ['CI', 'Docs'] },
  ],
  audience: { kind: 'everyone' },
  opensAt: '2026-02-01T09:00:00Z',
  closesAt: '2026-02-15T09:00:00Z',
  repeat: { every: 'quarter', rounds: 2 },
};

/** Nothing is announced in these tests. */
const quietNotifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({ async send() {} }),
});

/** Stored answers of one team to q1 in a round (as the store writes them). */
async function seedAnswers(
  knex: Knex,
  surveyId: string,
  round: number,
  team: string,
  values: number[],
) {
  for (const [i, value] of values.entries()) {
    const key = {
      survey_id: surveyId,
      round,
      respondent_hash: `${team}-${round}-${i}`,
    };
    await knex('survey_responses').insert({ ...key, team });
    await knex('survey_answers').insert([
      { ...key, team, question_id: 'q1', value_number: value },
      { ...key, team, question_id: 'q2', value_text: 'CI' },
    ]);
  }
}

const kpiOf = (body: any, kpi: string) =>
  body.kpis.find((k: any) => k.kpi === kpi);

describe.each(databases.eachSupportedId())(
  'GET /impact of survey scores on %p',
  databaseId => {
    let t: KpisBackend;
    let pulse: string;
    let small: string;

    beforeAll(async () => {
      const surveysKnex = await databases.init(databaseId);
      t = await startKpisBackend(await databases.init(databaseId), {
        features: [platformSurveysPlugin, quietNotifications],
        databases: { 'platform-surveys': surveysKnex },
        config: {
          platformSurveys: {
            respondentKey: 'test-respondent-key-of-at-least-32-characters',
          },
        },
      });
      const create = async (survey: object) => {
        const port = t.backend.server.port();
        const res = await fetch(
          `http://localhost:${port}/api/platform-surveys/surveys`,
          {
            method: 'POST',
            headers: {
              Authorization: mockCredentials.user.header(PLATFORM_USER),
              'Content-Type': 'application/json',
            },
            body: JSON.stringify(survey),
          },
        );
        if (res.status !== 201) throw new Error(await res.text());
        return ((await res.json()) as { id: string }).id;
      };
      pulse = await create(SURVEY);
      small = await create({
        ...SURVEY,
        title: 'Small pulse',
        opensAt: '2026-05-01T09:00:00Z',
        closesAt: '2026-05-15T09:00:00Z',
        repeat: null,
      });
      await seedAnswers(
        surveysKnex,
        pulse,
        1,
        TEAMS.checkout,
        [2, 2, 3, 3, 3, 4],
      );
      await seedAnswers(
        surveysKnex,
        pulse,
        1,
        TEAMS.payments,
        [3, 3, 3, 3, 3, 3],
      );
      await seedAnswers(
        surveysKnex,
        pulse,
        2,
        TEAMS.checkout,
        [4, 4, 4, 5, 5, 5],
      );
      await seedAnswers(
        surveysKnex,
        pulse,
        2,
        TEAMS.payments,
        [3, 3, 3, 3, 3, 4],
      );
      await seedAnswers(surveysKnex, small, 1, TEAMS.checkout, [5, 5, 5]);
      await seedAnswers(
        surveysKnex,
        small,
        1,
        TEAMS.payments,
        [1, 1, 1, 1, 1, 1, 1, 1],
      );
    });
    afterAll(() => t.backend.stop());

    const impact = (query: string, as = PLATFORM_USER) =>
      t.get(`/impact?shippedAt=${SHIP}&windowDays=90&${query}`, as);

    it('credits a team whose score rose more than the rest', async () => {
      const kpi = `survey:${pulse}:q1`;
      const res = await impact(`team=${TEAMS.checkout}&kpi=${kpi}`);
      expect(res.status).toBe(200);
      const score = kpiOf(res.body, kpi);
      expect(score).toMatchObject({
        title: 'Pulse — CI is fast enough',
        better: 'higher',
        unit: 'score',
        scope: {
          before: { value: 17 / 6, n: 6 },
          after: { value: 4.5, n: 6 },
        },
        rest: {
          before: { value: 3, n: 6 },
          after: { value: 19 / 6, n: 6 },
        },
        test: {
          name: 'Mann–Whitney U on the answers (rank-sum), two-sided',
          alpha: 0.05,
        },
        verdict: 'improved',
      });
      expect(score.test.pValue).toBeCloseTo(0.008, 3);
      expect(score.reason).toBe(
        'The scope rose 59 % (p = 0.008); the rest of the organisation rose 5.6 %.',
      );
    });

    it('compares everyone with nothing outside', async () => {
      const kpi = `survey:${pulse}:q1`;
      const score = kpiOf((await impact(`kpi=${kpi}`)).body, kpi);
      expect(score).toMatchObject({
        scope: {
          before: { value: 35 / 12, n: 12 },
          after: { value: 46 / 12, n: 12 },
        },
        rest: null,
      });
    });

    it('says "not enough" for a scope below the floor, with no figures', async () => {
      const kpi = `survey:${small}:q1`;
      const res = await impact(`team=${TEAMS.checkout}&kpi=${kpi}`);
      const score = kpiOf(res.body, kpi);
      expect(score).toMatchObject({
        title: 'Small pulse — CI is fast enough',
        scope: {
          before: { value: null, n: 0 },
          after: { value: null, n: 0 },
        },
        rest: {
          before: { value: null, n: 0 },
          after: { value: null, n: 0 },
        },
        verdict: 'notEnoughData',
        test: { pValue: null },
      });
      expect(score.reason).toBe(
        'no round of the survey closed in the 90 days before the ship date',
      );
      // After the ship date the round closed, but its scope is withheld.
      const later = await t.get(
        `/impact?shippedAt=2026-06-01&windowDays=30&team=${TEAMS.checkout}&kpi=${kpi}`,
        PLATFORM_USER,
      );
      expect(kpiOf(later.body, kpi).reason).toBe(
        "the scope's answers to the rounds that closed in the 30 days before the ship date are below the anonymity floor of 5 respondents, or would reveal a team below it",
      );
      expect(kpiOf(later.body, kpi).scope.before).toEqual({
        value: null,
        n: 0,
      });
    });

    it('reads scores on behalf of the person asking; other KPIs still answer', async () => {
      const kpi = `survey:${pulse}:q1`;
      const res = await impact(
        `team=${TEAMS.checkout}&kpi=${kpi}&kpi=leadTime`,
        'user:default/sam.rivera',
      );
      expect(res.status).toBe(200);
      expect(kpiOf(res.body, kpi)).toMatchObject({
        title: 'Pulse — CI is fast enough',
        verdict: 'notEnoughData',
        scope: { before: { value: null }, after: { value: null } },
        reason:
          'survey scores are shown only to those who may read survey results (the platform team)',
      });
      expect(kpiOf(res.body, 'leadTime').reason).toContain('at least 10');
    });

    it('names what the surveys backend refused', async () => {
      const unknown = 'survey:00000000-0000-4000-8000-000000000000:q1';
      const res = await impact(`team=${TEAMS.checkout}&kpi=${unknown}`);
      expect(kpiOf(res.body, unknown)).toMatchObject({
        verdict: 'notEnoughData',
        reason:
          'the surveys backend could not answer (404: no survey 00000000-0000-4000-8000-000000000000), so this survey score cannot be measured',
      });
      const choice = `survey:${pulse}:q2`;
      const refused = await impact(`team=${TEAMS.checkout}&kpi=${choice}`);
      expect(kpiOf(refused.body, choice).reason).toContain(
        'only agreement and recommend questions have a score',
      );
    });
  },
);
