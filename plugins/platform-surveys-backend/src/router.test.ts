/*
 * The API on SQLite and PostgreSQL, through the real policy, tried like an
 * attacker would: teams below the floor, filters that narrow, the CSV, the
 * complement of the shown teams, and any trace of who answered.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  people,
  PRIYA,
  startSurveysBackend,
  TEAMS,
} from './__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** A closed one-round survey: answered "at" DURING, read now. */
const WINDOW = {
  opensAt: '2026-01-05T09:00:00Z',
  closesAt: '2026-01-19T09:00:00Z',
};
const DURING = '2026-01-10T12:00:00Z';

const QUESTIONS = [
  { kind: 'agreement', text: 'Our CI is fast enough' },
  { kind: 'choice', text: 'Biggest pain', options: ['CI', 'Docs', 'Access'] },
  { kind: 'text', text: 'Anything else?' },
];

describe.each(databases.eachSupportedId())('platform-surveys on %p', id => {
  let knex: Knex;
  let t: Awaited<ReturnType<typeof startSurveysBackend>>;

  beforeAll(async () => {
    knex = await databases.init(id);
    t = await startSurveysBackend(knex);
  });
  afterAll(async () => {
    await t.backend.stop();
  });

  async function createSurvey(overrides: Record<string, unknown> = {}) {
    const res = await t.api(PRIYA).post('/surveys', {
      title: 'Developer experience pulse',
      questions: QUESTIONS,
      audience: { kind: 'everyone' },
      ...WINDOW,
      ...overrides,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function answer(
    surveyId: string,
    who: string[],
    answers: (i: number) => Record<string, number | string>,
    options: { round?: number; at?: string } = {},
  ) {
    for (const [i, person] of who.entries()) {
      const res = await t
        .api(person, options.at ?? DURING)
        .put(`/surveys/${surveyId}/rounds/${options.round ?? 1}/response`, {
          answers: answers(i),
        });
      expect(res.status).toBe(200);
    }
  }

  const results = (surveyId: string, query = '') =>
    t.api(PRIYA).get(`/surveys/${surveyId}/rounds/1/results${query}`);

  describe('defining surveys', () => {
    it('lets only the platform team create one, and says why', async () => {
      const input = {
        title: 'Pulse',
        questions: QUESTIONS,
        audience: { kind: 'everyone' },
        ...WINDOW,
      };
      const refused = await t
        .api(people('checkout', 1)[0])
        .post('/surveys', input);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain(
        'you may not create surveys (only the platform team may)',
      );
      expect((await t.api('anonymous').post('/surveys', input)).status).toBe(
        401,
      );
      expect(t.audits).toContainEqual({
        eventId: 'permission-denied',
        meta: expect.objectContaining({ action: 'POST /surveys' }),
      });
    });

    it('refuses bad input naming the field, and numbers the questions', async () => {
      const res = await t.api(PRIYA).post('/surveys', {
        title: 'Pulse',
        questions: [{ kind: 'agreement', text: 'x' }],
        audience: { kind: 'everyone' },
        ...WINDOW,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'questions.0.text: must be at least 3 characters',
      );
      const survey = await createSurvey({
        repeat: { every: 'quarter', rounds: 2 },
      });
      expect(survey.questions.map((q: { id: string }) => q.id)).toEqual([
        'q1',
        'q2',
        'q3',
      ]);
      expect(survey.rounds.map((r: { opensAt: string }) => r.opensAt)).toEqual([
        '2026-01-05T09:00:00.000Z',
        '2026-04-05T09:00:00.000Z',
      ]);
      const got = await t.api('service').get(`/surveys/${survey.id}`);
      expect(got.body).toEqual(survey);
    });
  });

  describe('answering', () => {
    it('takes one answer per person and round, replaceable until the round closes', async () => {
      const survey = await createSurvey();
      const sam = people('checkout', 1)[0];
      const path = `/surveys/${survey.id}/rounds/1/response`;
      const first = await t.api(sam, DURING).put(path, {
        answers: { q1: 2, q2: 'CI' },
      });
      expect(first.body).toEqual({ answered: true, replaced: false });
      const again = await t.api(sam, DURING).put(path, {
        answers: { q1: 4, q2: 'Docs', q3: 'better now' },
      });
      expect(again.body).toEqual({ answered: true, replaced: true });
      expect(
        await knex('survey_responses').where({ survey_id: survey.id }),
      ).toHaveLength(1);

      const closed = await t
        .api(sam)
        .put(path, { answers: { q1: 1, q2: 'CI' } });
      expect(closed.status).toBe(409);
      expect(closed.body.error.message).toContain(
        'closed at 2026-01-19T09:00:00.000Z',
      );
      const early = await t
        .api(sam, '2026-01-01T00:00:00Z')
        .put(path, { answers: { q1: 1, q2: 'CI' } });
      expect(early.status).toBe(409);
    });

    it('refuses bad answers naming them, and anyone outside the audience', async () => {
      const survey = await createSurvey({
        audience: { kind: 'groups', groups: [TEAMS.search] },
      });
      const path = `/surveys/${survey.id}/rounds/1/response`;
      const bad = await t
        .api(people('search', 1)[0], DURING)
        .put(path, { answers: { q1: 9 } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        'answers.q1: must be a whole number from 1 to 5; answers.q2: required',
      );
      const outsider = await t
        .api(people('checkout', 1)[0], DURING)
        .put(path, { answers: { q1: 3, q2: 'CI' } });
      expect(outsider.status).toBe(403);
      expect(outsider.body.error.message).toContain(
        'only the audience of this survey may answer it',
      );
      const service = await t.api('service', DURING).put(path, {
        answers: { q1: 3, q2: 'CI' },
      });
      expect(service.status).toBe(403);
      expect((await t.api('anonymous', DURING).put(path, {})).status).toBe(401);
    });

    it('lists the open rounds of the audience with whether each person answered, and no answers', async () => {
      const survey = await createSurvey({
        audience: { kind: 'groups', groups: [TEAMS.data] },
      });
      const [dana, dev] = people('data', 2);
      await answer(survey.id, [dana], () => ({ q1: 5, q2: 'CI', q3: 'mine' }));
      const forDana = await t.api(dana, DURING).get('/surveys/open');
      const mine = forDana.body.items.filter(
        (i: { survey: { id: string } }) => i.survey.id === survey.id,
      );
      expect(mine).toEqual([
        expect.objectContaining({
          answered: true,
          round: expect.objectContaining({ round: 1, state: 'open' }),
        }),
      ]);
      expect(JSON.stringify(forDana.body)).not.toContain('mine');
      const forDev = await t.api(dev, DURING).get('/surveys/open');
      expect(
        forDev.body.items.find(
          (i: { survey: { id: string } }) => i.survey.id === survey.id,
        ).answered,
      ).toBe(false);
      const outsider = await t
        .api(people('search', 1)[0], DURING)
        .get('/surveys/open');
      expect(
        outsider.body.items.some(
          (i: { survey: { id: string } }) => i.survey.id === survey.id,
        ),
      ).toBe(false);
      // Closed now: nothing open.
      const now = await t.api(dana).get('/surveys/open');
      expect(
        now.body.items.some(
          (i: { survey: { id: string } }) => i.survey.id === survey.id,
        ),
      ).toBe(false);
    });
  });

  describe('anonymity', () => {
    it('shows nothing while a round is open', async () => {
      const survey = await createSurvey();
      await answer(survey.id, people('checkout', 6), () => ({
        q1: 4,
        q2: 'CI',
      }));
      const open = await t
        .api(PRIYA, DURING)
        .get(`/surveys/${survey.id}/rounds/1/results`);
      expect(open.body).toEqual({
        surveyId: survey.id,
        round: 1,
        state: 'open',
        floor: 5,
        overall: { team: null, enough: false },
        byTeam: [],
      });
    });

    it('hides a team of four in the API and the CSV, shows teams of six, and never names anyone', async () => {
      const survey = await createSurvey();
      await answer(survey.id, people('checkout', 6), i => ({
        q1: (i % 5) + 1,
        q2: 'CI',
        q3: `checkout note ${i}`,
      }));
      await answer(survey.id, people('search', 6), () => ({
        q1: 5,
        q2: 'Docs',
      }));
      await answer(survey.id, people('payments', 4), () => ({
        q1: 1,
        q2: 'Access',
        q3: 'payments-secret',
      }));
      await answer(survey.id, people('data', 1), () => ({
        q1: 1,
        q2: 'Access',
      }));

      const res = await results(survey.id);
      expect(res.status).toBe(200);
      const { overall, byTeam } = res.body;
      expect(overall).toMatchObject({ enough: true, respondents: 17 });
      expect(
        byTeam.map((g: { team: string; enough: boolean }) => [
          g.team,
          g.enough,
        ]),
      ).toEqual([
        [TEAMS.checkout, true],
        [TEAMS.data, false],
        [TEAMS.payments, false],
        [TEAMS.search, true],
      ]);
      const payments = byTeam.find(
        (g: { team: string }) => g.team === TEAMS.payments,
      );
      expect(payments).toEqual({ team: TEAMS.payments, enough: false });
      const checkout = byTeam.find(
        (g: { team: string }) => g.team === TEAMS.checkout,
      );
      expect(checkout.respondents).toBe(6);
      expect(checkout.questions[0]).toEqual({
        questionId: 'q1',
        kind: 'agreement',
        n: 6,
        distribution: [
          { value: 1, count: 2 },
          { value: 2, count: 1 },
          { value: 3, count: 1 },
          { value: 4, count: 1 },
          { value: 5, count: 1 },
        ],
        mean: 2.67,
        median: 2.5,
      });
      expect(checkout.questions[2].answers).toEqual(
        [0, 1, 2, 3, 4, 5].map(i => `checkout note ${i}`),
      );

      // Narrowing to the team of four, or to one nobody is in, says the same.
      for (const team of [TEAMS.payments, TEAMS.data, 'group:default/nobody']) {
        const narrowed = await results(survey.id, `?team=${team}`);
        expect(narrowed.body.overall).toEqual({ team, enough: false });
        expect(narrowed.body.byTeam).toEqual([]);
      }
      const search = await results(survey.id, `?team=${TEAMS.search}`);
      expect(search.body.overall).toMatchObject({
        enough: true,
        respondents: 6,
      });

      // No other filter exists to narrow with.
      const other = await results(
        survey.id,
        '?user=user:default/payments-team-1',
      );
      expect(other.status).toBe(400);
      expect(other.body.error.message).toBe('user: unknown parameter');

      const csv = await t
        .api(PRIYA)
        .get(`/surveys/${survey.id}/rounds/1/export`);
      expect(csv.status).toBe(200);
      const lines = csv.text.split('\n');
      // Each team by its ref and its catalog name (its ref when the
      // catalog does not know it).
      expect(lines).toContain(
        `1,${TEAMS.payments},Payments Team,,,,,,,,not enough responses`,
      );
      expect(lines.filter(l => l.includes(TEAMS.payments))).toHaveLength(1);
      expect(lines).toContain(
        `1,${TEAMS.checkout},Checkout Team,6,q1,Our CI is fast enough,1,2,2.67,2.5,`,
      );
      expect(
        lines.filter(l => l.startsWith(`1,${TEAMS.search},${TEAMS.search},6,`))
          .length,
      ).toBeGreaterThan(0);
      const narrowedCsv = await t
        .api(PRIYA)
        .get(`/surveys/${survey.id}/rounds/1/export?team=${TEAMS.payments}`);
      expect(narrowedCsv.text).not.toContain('Access');
      expect(narrowedCsv.text).toContain('not enough responses');

      for (const body of [JSON.stringify(res.body), csv.text]) {
        expect(body).not.toMatch(/user:/);
      }
    });

    it('hides a shown team too when the hidden rest would be below the floor (differencing)', async () => {
      const survey = await createSurvey();
      await answer(survey.id, people('checkout', 6), () => ({
        q1: 5,
        q2: 'CI',
      }));
      await answer(survey.id, people('payments', 4), () => ({
        q1: 1,
        q2: 'CI',
      }));
      const res = await results(survey.id);
      // Everyone (10) minus checkout (6) would be payments' four answers.
      expect(res.body.overall).toMatchObject({ enough: true, respondents: 10 });
      expect(res.body.byTeam).toEqual([
        { team: TEAMS.checkout, enough: false },
        { team: TEAMS.payments, enough: false },
      ]);
      const narrowed = await results(survey.id, `?team=${TEAMS.checkout}`);
      expect(narrowed.body.overall).toEqual({
        team: TEAMS.checkout,
        enough: false,
      });
    });

    it('hides everything below the floor, free text included', async () => {
      const survey = await createSurvey();
      await answer(survey.id, people('payments', 4), () => ({
        q1: 2,
        q2: 'CI',
        q3: 'payments-secret',
      }));
      const res = await results(survey.id);
      expect(res.body.overall).toEqual({ team: null, enough: false });
      expect(JSON.stringify(res.body)).not.toContain('payments-secret');
      const csv = await t
        .api(PRIYA)
        .get(`/surveys/${survey.id}/rounds/1/export`);
      expect(csv.text).not.toContain('payments-secret');
      expect(csv.text).toContain(
        'everyone,Everyone,,,,,,,,not enough responses',
      );
    });

    it('stores no user ref and no time with a response', async () => {
      const survey = await createSurvey();
      await answer(survey.id, people('search', 2), () => ({ q1: 3, q2: 'CI' }));
      const rows = [
        ...(await knex('survey_responses').where({ survey_id: survey.id })),
        ...(await knex('survey_answers').where({ survey_id: survey.id })),
      ];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(JSON.stringify(row)).not.toMatch(/user:|search-\d/);
        expect(Object.keys(row).some(k => /_at$/.test(k))).toBe(false);
      }
    });

    it('lets only the platform team read results', async () => {
      const survey = await createSurvey();
      const sam = people('checkout', 1)[0];
      for (const path of [
        `/surveys/${survey.id}/rounds/1/results`,
        `/surveys/${survey.id}/rounds/1/export`,
        `/surveys/${survey.id}/trend`,
        `/scores?survey=${survey.id}&question=q1`,
      ]) {
        const res = await t.api(sam).get(path);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain('only the platform team may');
      }
    });
  });

  describe('kept results of closed rounds', () => {
    it('reads a closed round again after a backdated answer changes it, and cuts the team filter from the by-team view', async () => {
      const survey = await createSurvey();
      await answer(survey.id, people('checkout', 6), () => ({
        q1: 2,
        q2: 'CI',
      }));
      const before = await results(survey.id);
      expect(before.body.overall).toMatchObject({ respondents: 6 });
      expect(
        (await t.api(PRIYA).get(`/surveys/${survey.id}/trend`)).body.points,
      ).toEqual([
        expect.objectContaining({ respondents: 6, means: { q1: 2 } }),
      ]);

      await answer(survey.id, people('search', 6), () => ({
        q1: 5,
        q2: 'Docs',
      }));
      const after = await results(survey.id);
      expect(after.body.overall).toMatchObject({ respondents: 12 });
      const search = after.body.byTeam.find(
        (g: { team: string }) => g.team === TEAMS.search,
      );
      expect(search).toMatchObject({ enough: true, respondents: 6 });
      const filtered = await results(
        survey.id,
        `?team=${TEAMS.search.toUpperCase()}`,
      );
      expect(filtered.body.overall).toEqual(search);
      expect(filtered.body.byTeam).toEqual([]);
      expect(
        (await t.api(PRIYA).get(`/surveys/${survey.id}/trend`)).body.points,
      ).toEqual([
        expect.objectContaining({ respondents: 12, means: { q1: 3.5 } }),
      ]);
      expect(
        (await t.api(PRIYA).get(`/scores?survey=${survey.id}&question=q1`)).body
          .points,
      ).toEqual([expect.objectContaining({ mean: 3.5, n: 12 })]);
    });
  });

  describe('trend and scores', () => {
    it('gives per-round means where a round reaches the floor', async () => {
      const survey = await createSurvey({
        repeat: { every: 'quarter', rounds: 2 },
      });
      await answer(survey.id, people('checkout', 6), () => ({
        q1: 2,
        q2: 'CI',
      }));
      await answer(
        survey.id,
        people('checkout', 6),
        () => ({ q1: 4, q2: 'CI' }),
        {
          round: 2,
          at: '2026-04-10T12:00:00Z',
        },
      );
      await answer(
        survey.id,
        people('search', 3),
        () => ({ q1: 5, q2: 'CI' }),
        {
          round: 2,
          at: '2026-04-10T12:00:00Z',
        },
      );
      const trend = await t.api(PRIYA).get(`/surveys/${survey.id}/trend`);
      expect(trend.body.points).toEqual([
        {
          round: 1,
          closesAt: '2026-01-19T09:00:00.000Z',
          enough: true,
          respondents: 6,
          means: { q1: 2 },
        },
        {
          round: 2,
          closesAt: '2026-04-19T09:00:00.000Z',
          enough: true,
          respondents: 9,
          means: { q1: 4.33 },
        },
      ]);
      const searchTrend = await t
        .api(PRIYA)
        .get(`/surveys/${survey.id}/trend?team=${TEAMS.search}`);
      expect(
        searchTrend.body.points.map((p: { enough: boolean }) => p.enough),
      ).toEqual([false, false]);
      const scores = await t
        .api(PRIYA)
        .get(`/scores?survey=${survey.id}&question=q1`);
      expect(scores.body.points).toEqual([
        expect.objectContaining({ round: 1, enough: true, mean: 2, n: 6 }),
        expect.objectContaining({ round: 2, enough: true, mean: 4.33, n: 9 }),
      ]);
      const choice = await t
        .api(PRIYA)
        .get(`/scores?survey=${survey.id}&question=q2`);
      expect(choice.status).toBe(400);
    });
  });
});
