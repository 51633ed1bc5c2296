/*
 * GET /scores/distribution on SQLite and PostgreSQL, through the real
 * policy, tried like an attacker would: a scope narrowed to a team below the
 * floor, a team the differencing rule hides, a hidden team added to a shown
 * one, open rounds.
 *
 * The fixture, floor 5. A quarterly survey, rounds closing 2026-01-19 and
 * 2026-04-19; "Our CI is fast enough" (1–5) answered:
 *   round 1: checkout 8 (2,2,2,2,3,3,3,3), search 6 (all 4), payments 4
 *     (all 5). Payments is below the floor; the hidden teams together (4)
 *     would be below it too, so search (the smallest shown) is hidden as
 *     well: only checkout is shown.
 *   round 2: checkout 6 (4,4,4,5,5,5), search 6 (all 3): both shown.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  people,
  PRIYA,
  startSurveysBackend,
  TEAMS,
} from './__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ROUND_1 = '2026-01-10T12:00:00Z';
const ROUND_2 = '2026-04-10T12:00:00Z';
const R1_ONLY =
  'closedFrom=2026-01-01T00:00:00Z&closedBefore=2026-02-01T00:00:00Z';
const BOTH =
  'closedFrom=2026-01-01T00:00:00Z&closedBefore=2026-05-01T00:00:00Z';

/** Counts of the values 1 … 5, as the API lists them. */
const dist = (...counts: number[]) =>
  counts.map((count, i) => ({ value: i + 1, count }));

describe.each(databases.eachSupportedId())(
  'GET /scores/distribution on %p',
  id => {
    let t: Awaited<ReturnType<typeof startSurveysBackend>>;
    let survey: string;

    beforeAll(async () => {
      t = await startSurveysBackend(await databases.init(id));
      const created = await t.api(PRIYA).post('/surveys', {
        title: 'Developer experience pulse',
        questions: [
          { kind: 'agreement', text: 'Our CI is fast enough' },
          { kind: 'choice', text: 'Biggest pain', options: ['CI', 'Docs'] },
        ],
        audience: { kind: 'everyone' },
        opensAt: '2026-01-05T09:00:00Z',
        closesAt: '2026-01-19T09:00:00Z',
        repeat: { every: 'quarter', rounds: 2 },
      });
      if (created.status !== 201) throw new Error(`fixture: ${created.text}`);
      survey = created.body.id;
      const answer = async (
        round: number,
        at: string,
        who: string[],
        value: (i: number) => number,
      ) => {
        for (const [i, person] of who.entries()) {
          const res = await t
            .api(person, at)
            .put(`/surveys/${survey}/rounds/${round}/response`, {
              answers: { q1: value(i), q2: 'CI' },
            });
          if (res.status !== 200) throw new Error(`fixture: ${res.text}`);
        }
      };
      await answer(1, ROUND_1, people('checkout', 8), i => (i < 4 ? 2 : 3));
      await answer(1, ROUND_1, people('search', 6), () => 4);
      await answer(1, ROUND_1, people('payments', 4), () => 5);
      await answer(2, ROUND_2, people('checkout', 6), i => (i < 3 ? 4 : 5));
      await answer(2, ROUND_2, people('search', 6), () => 3);
    });
    afterAll(() => t.backend.stop());

    const read = (query: string, as = PRIYA, at?: string) =>
      t
        .api(as, at)
        .get(`/scores/distribution?survey=${survey}&question=q1&${query}`);

    it('counts a shown team against everyone else', async () => {
      const res = await read(`${R1_ONLY}&team=${TEAMS.checkout}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        surveyId: survey,
        surveyTitle: 'Developer experience pulse',
        questionId: 'q1',
        questionText: 'Our CI is fast enough',
        kind: 'agreement',
        floor: 5,
        closedFrom: '2026-01-01T00:00:00.000Z',
        closedBefore: '2026-02-01T00:00:00.000Z',
        rounds: [
          { round: 1, closesAt: '2026-01-19T09:00:00.000Z', counted: true },
        ],
        scope: {
          enough: true,
          respondents: 8,
          n: 8,
          distribution: dist(0, 4, 4, 0, 0),
        },
        // search 6 × 4 and payments 4 × 5: everyone minus checkout.
        rest: {
          enough: true,
          respondents: 10,
          n: 10,
          distribution: dist(0, 0, 0, 6, 4),
        },
      });
    });

    it('sums the rounds that closed in the range, and everyone has no rest', async () => {
      const both = await read(`${BOTH}&team=${TEAMS.checkout}`);
      expect(both.body.rounds.map((r: any) => r.counted)).toEqual([true, true]);
      expect(both.body.scope).toEqual({
        enough: true,
        respondents: 14,
        n: 14,
        distribution: dist(0, 4, 4, 3, 3),
      });
      expect(both.body.rest).toMatchObject({
        respondents: 16,
        distribution: dist(0, 0, 6, 6, 4),
      });
      const everyone = await read(R1_ONLY);
      expect(everyone.body.scope).toEqual({
        enough: true,
        respondents: 18,
        n: 18,
        distribution: dist(0, 4, 4, 6, 4),
      });
      expect(everyone.body.rest).toBeNull();
      // Closing times are inclusive at closedFrom, exclusive at closedBefore.
      const edge = await read(
        'closedFrom=2026-01-19T09:00:00Z&closedBefore=2026-04-19T09:00:00Z',
      );
      expect(edge.body.rounds.map((r: any) => r.round)).toEqual([1]);
    });

    it('answers only "not enough" for a scope narrowed below the floor', async () => {
      // payments: 4 respondents, below the floor of 5.
      const below = await read(`${R1_ONLY}&team=${TEAMS.payments}`);
      expect(below.status).toBe(200);
      expect(below.body.scope).toEqual({ enough: false });
      // The rest would be everyone minus payments, so it is withheld too.
      expect(below.body.rest).toEqual({ enough: false });
      expect(below.body.rounds).toEqual([
        expect.objectContaining({ round: 1, counted: false }),
      ]);
    });

    it('withholds a team the differencing rule hides, even above the floor', async () => {
      // search has 6, but showing it would leave payments' 4 as the rest.
      const hidden = await read(`${R1_ONLY}&team=${TEAMS.search}`);
      expect(hidden.body.scope).toEqual({ enough: false });
      expect(hidden.body.rest).toEqual({ enough: false });
      // In round 2 search is shown: only that round counts.
      const both = await read(`${BOTH}&team=${TEAMS.search}`);
      expect(both.body.rounds.map((r: any) => r.counted)).toEqual([
        false,
        true,
      ]);
      expect(both.body.scope).toMatchObject({
        respondents: 6,
        distribution: dist(0, 0, 6, 0, 0),
      });
      expect(both.body.rest).toMatchObject({
        respondents: 6,
        distribution: dist(0, 0, 0, 3, 3),
      });
    });

    it('does not let a hidden team ride along with a shown one', async () => {
      // checkout + payments minus checkout alone would give payments' answers.
      const res = await read(
        `${R1_ONLY}&team=${TEAMS.checkout}&team=${TEAMS.payments}`,
      );
      expect(res.body.scope).toEqual({ enough: false });
      expect(res.body.rest).toEqual({ enough: false });
      expect(res.text).not.toContain('distribution');
      // Team refs compare without case, as the results' ?team= does.
      const upper = await read(
        `${R1_ONLY}&team=${TEAMS.payments.toUpperCase()}`,
      );
      expect(upper.body.scope).toEqual({ enough: false });
    });

    it('counts a team that did not answer as none, against everyone', async () => {
      const res = await read(`${R1_ONLY}&team=${TEAMS.data}`);
      expect(res.body.scope).toEqual({ enough: false });
      expect(res.body.rest).toMatchObject({ respondents: 18 });
    });

    it('reads only closed rounds', async () => {
      // On 2026-04-10 round 2 is open: its answers are not counted or listed.
      const res = await read(`${BOTH}&team=${TEAMS.checkout}`, PRIYA, ROUND_2);
      expect(res.status).toBe(200);
      expect(res.body.rounds.map((r: any) => r.round)).toEqual([1]);
      expect(res.body.scope).toMatchObject({ respondents: 8 });
    });

    it('refuses bad input naming the field', async () => {
      const bad = async (query: string, field: string, status = 400) => {
        const res = await t.api(PRIYA).get(`/scores/distribution?${query}`);
        expect(res.status).toBe(status);
        expect(res.body.error.message).toContain(field);
      };
      const base = `survey=${survey}&question=q1`;
      await bad(`survey=nope&question=q1&${R1_ONLY}`, 'survey');
      await bad(`survey=${survey}&question=one&${R1_ONLY}`, 'question');
      await bad(
        `${base}&closedFrom=2026-01-01&closedBefore=2026-02-01`,
        'closedFrom',
      );
      await bad(
        `${base}&closedFrom=2026-02-01T00:00:00Z&closedBefore=2026-01-01T00:00:00Z`,
        'closedBefore',
      );
      await bad(`${base}&${R1_ONLY}&team=checkout`, 'team');
      await bad(`${base}&${R1_ONLY}&person=user:default/checkout-1`, 'person');
      await bad(`survey=${survey}&question=q2&${R1_ONLY}`, 'question');
      await bad(`survey=${survey}&question=q9&${R1_ONLY}`, 'q9', 404);
    });

    it('is for the platform team, and for plugins as /scores is', async () => {
      const query = `${R1_ONLY}&team=${TEAMS.payments}`;
      expect((await read(query, people('checkout', 1)[0])).status).toBe(403);
      expect((await read(query, 'anonymous')).status).toBe(401);
      // Backstage lets a plugin acting as itself through; the floor holds.
      const plugin = await read(query, 'service');
      expect(plugin.status).toBe(200);
      expect(plugin.body.scope).toEqual({ enough: false });
    });
  },
);
