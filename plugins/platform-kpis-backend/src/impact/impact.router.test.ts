import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  KpisBackend,
  SERVICES,
  startKpisBackend,
  TEAMS,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A successful production deployment finishing at `at` with `leadHours`. */
function deployment(
  id: string,
  entityRef: string,
  at: number,
  leadHours: number,
) {
  return {
    id,
    type: 'deployment',
    entityRef,
    environment: 'production',
    status: 'success',
    startedAt: new Date(at - 5 * 60_000).toISOString(),
    finishedAt: new Date(at).toISOString(),
    firstCommitAt: new Date(at - leadHours * HOUR).toISOString(),
  };
}

/** Twelve deployments a day apart from `firstDay` (noon), lead times as given. */
function twelve(
  prefix: string,
  entityRef: string,
  firstDay: string,
  leads: (i: number) => number,
) {
  const start = Date.parse(`${firstDay}T12:00:00Z`);
  return Array.from({ length: 12 }, (_, i) =>
    deployment(`${prefix}-${i}`, entityRef, start + i * DAY, leads(i)),
  );
}

/*
 * The hand-worked fixture. Ship date 2026-03-01, 30-day windows:
 * before = 2026-01-30 … 03-01, after = 03-01 … 03-31.
 *   checkout-api and cart-service (checkout-team): 12 deployments each
 *     before (Feb 10–21, lead 10, 11, … 21 h) and after (Mar 10–21, lead
 *     1, 2, … 12 h). The team's 24 lead times: median (15 + 16)/2 = 15.5 h
 *     before, (6 + 7)/2 = 6.5 h after (−58 %); every after value but the
 *     two 10 h, 11 h and 12 h pairs lies below every before value.
 *   payment-gateway (payments-team): 12 before and 12 after, all 10 h
 *     (median 10 h both, change 0).
 *   Deployments per day: checkout-team 2 on each of 12 days in both
 *     windows → 24/30 = 0.8 a day, the same days → no change.
 *   Template runs (checkout-team): 2 before, one a day for all 30 days after
 *     → 2/30·7 = 0.467 a week against 7 a week.
 *   Requests (checkout-team): 3 before, 5 h lost a week each → below the
 *     minimum of 10.
 * Second ship date 2026-05-01: checkout-api and payment-gateway both drop
 * from 10–21 h (Apr 10–21) to 1–12 h (May 10–21): an organisation-wide trend.
 */
const SHIP = '2026-03-01T00:00:00Z';
const EVENTS = [
  ...twelve('ca-b', SERVICES.checkoutApi, '2026-02-10', i => 10 + i),
  ...twelve('ca-a', SERVICES.checkoutApi, '2026-03-10', i => 1 + i),
  ...twelve('cs-b', SERVICES.cartService, '2026-02-10', i => 10 + i),
  ...twelve('cs-a', SERVICES.cartService, '2026-03-10', i => 1 + i),
  ...twelve('pg-b', SERVICES.paymentGateway, '2026-02-10', () => 10),
  ...twelve('pg-a', SERVICES.paymentGateway, '2026-03-10', () => 10),
  ...twelve('t-ca-b', SERVICES.checkoutApi, '2026-04-10', i => 10 + i),
  ...twelve('t-ca-a', SERVICES.checkoutApi, '2026-05-10', i => 1 + i),
  ...twelve('t-pg-b', SERVICES.paymentGateway, '2026-04-10', i => 10 + i),
  ...twelve('t-pg-a', SERVICES.paymentGateway, '2026-05-10', i => 1 + i),
];

async function seedFacts(knex: Knex) {
  const run = (id: string, at: number) => ({
    task_id: id,
    template_ref: 'template:default/typescript-service',
    user_ref: 'user:default/sam.rivera',
    team_ref: TEAMS.checkout,
    status: 'completed',
    created_at: at,
    finished_at: at + 60_000,
    duration_ms: 60_000,
    hours_saved: 2,
  });
  const ship = Date.parse(SHIP);
  await knex('kpi_template_runs').insert([
    run('before-1', ship - 20 * DAY),
    run('before-2', ship - 10 * DAY),
    ...Array.from({ length: 30 }, (_, i) =>
      run(`after-${i}`, ship + i * DAY + HOUR),
    ),
  ]);
  await knex('kpi_request_facts').insert(
    [1, 2, 3].map(i => ({
      request_key: `PLAT-${i}`,
      team_ref: TEAMS.checkout,
      category: 'ci-cd',
      urgency: 'normal',
      status: 'new',
      created_at: ship - i * DAY,
      triage_due_at: ship,
      resolve_due_at: ship + 10 * DAY,
      votes: 1,
      hours_lost_per_week: 5,
      updated_at: ship - i * DAY,
    })),
  );
}

const kpiOf = (body: any, kpi: string) =>
  body.kpis.find((k: any) => k.kpi === kpi);

describe.each(databases.eachSupportedId())('GET /impact on %p', databaseId => {
  let t: KpisBackend;
  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    t = await startKpisBackend(knex);
    const res = await t.ingest(EVENTS);
    if (res.status !== 200) throw new Error(`fixture: ${res.text}`);
    await seedFacts(knex);
  });
  afterAll(() => t.backend.stop());

  const impact = (query: string) =>
    t.get(`/impact?shippedAt=${SHIP}&windowDays=30&${query}`);

  it('credits a team-scoped lead time drop the rest did not see', async () => {
    const res = await impact(
      `team=${TEAMS.checkout}&kpi=leadTime&kpi=deploymentFrequency&kpi=changeFailureRate`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      shippedAt: '2026-03-01T00:00:00.000Z',
      windowDays: 30,
      before: {
        from: '2026-01-30T00:00:00.000Z',
        to: '2026-03-01T00:00:00.000Z',
      },
      after: {
        from: '2026-03-01T00:00:00.000Z',
        to: '2026-03-31T00:00:00.000Z',
      },
      afterWindowComplete: true,
      scope: { teams: [TEAMS.checkout], entities: [] },
    });
    const lead = kpiOf(res.body, 'leadTime');
    expect(lead).toMatchObject({
      better: 'lower',
      unit: 'seconds',
      scope: {
        before: { value: 15.5 * 3600, n: 24 },
        after: { value: 6.5 * 3600, n: 24 },
      },
      rest: {
        before: { value: 36_000, n: 12 },
        after: { value: 36_000, n: 12 },
      },
      verdict: 'improved',
      test: { name: 'Mann–Whitney U (rank-sum), two-sided', alpha: 0.05 },
    });
    expect(lead.test.pValue).toBeLessThan(0.001);
    expect(lead.reason).toBe(
      'The scope fell 58 % (p < 0.001); the rest of the organisation did not change.',
    );

    const frequency = kpiOf(res.body, 'deploymentFrequency');
    expect(frequency).toMatchObject({
      scope: { before: { value: 0.8, n: 24 }, after: { value: 0.8, n: 24 } },
      rest: { before: { value: 0.4, n: 12 }, after: { value: 0.4, n: 12 } },
      verdict: 'noClearChange',
      test: { pValue: 1 },
    });
    expect(kpiOf(res.body, 'changeFailureRate')).toMatchObject({
      scope: { before: { value: 0, n: 24 }, after: { value: 0, n: 24 } },
      verdict: 'noClearChange',
    });
  });

  it('does not credit a change the rest of the organisation shows too', async () => {
    const res = await t.get(
      `/impact?shippedAt=2026-05-01&windowDays=30&kpi=leadTime&entity=${SERVICES.checkoutApi}`,
    );
    expect(res.status).toBe(200);
    const lead = kpiOf(res.body, 'leadTime');
    expect(lead.scope.before.n).toBe(12);
    expect(lead.rest.after.n).toBe(12);
    expect(lead.test.pValue).toBeLessThan(0.05);
    expect(lead.verdict).toBe('noClearChange');
    expect(lead.reason).toContain("the change is not the scope's own");
  });

  it('scopes by entity, and everyone leaves no rest', async () => {
    const flat = await impact(`entity=${SERVICES.paymentGateway}&kpi=leadTime`);
    expect(kpiOf(flat.body, 'leadTime')).toMatchObject({
      scope: {
        before: { value: 36_000, n: 12 },
        after: { value: 36_000, n: 12 },
      },
      verdict: 'noClearChange',
      test: { pValue: 1 },
    });
    const all = await impact('kpi=leadTime');
    expect(kpiOf(all.body, 'leadTime')).toMatchObject({
      scope: { before: { n: 36 }, after: { n: 36 } },
      rest: null,
      verdict: 'improved',
    });
    expect(all.body.scope).toEqual({ teams: [], entities: [] });
  });

  it('counts template runs and reported hours per team, with their minimums', async () => {
    const res = await impact(
      `team=${TEAMS.checkout}&kpi=templateRuns&kpi=hoursLost&kpi=timeToRestore&kpi=survey:pulse:q1`,
    );
    const runs = kpiOf(res.body, 'templateRuns');
    expect(runs.scope.before).toEqual({ value: (2 / 30) * 7, n: 2 });
    expect(runs.scope.after).toEqual({ value: 7, n: 30 });
    expect(runs.rest).toEqual({
      before: { value: 0, n: 0 },
      after: { value: 0, n: 0 },
    });
    expect(runs.verdict).toBe('improved');
    expect(runs.reason).toContain('cannot be ruled out');
    expect(kpiOf(res.body, 'hoursLost')).toMatchObject({
      scope: { before: { value: 3.5, n: 3 }, after: { value: 0, n: 0 } },
      verdict: 'notEnoughData',
      reason:
        'only 3 requests in the scope over both windows; at least 10 are needed',
    });
    expect(kpiOf(res.body, 'timeToRestore')).toMatchObject({
      verdict: 'notEnoughData',
      reason:
        'only 0 before the ship date (resolved incidents in the scope); at least 10 are needed in each window',
    });
    // No surveys backend in this one: that KPI says so, the others answer.
    const survey = kpiOf(res.body, 'survey:pulse:q1');
    expect(survey).toMatchObject({
      title: 'Survey score pulse:q1',
      verdict: 'notEnoughData',
      test: { pValue: null },
    });
    expect(survey.reason).toMatch(
      /^the surveys backend could not answer \(404: .*\), so this survey score cannot be measured$/,
    );
    const servicesOnly = await impact(
      `entity=${SERVICES.checkoutApi}&kpi=templateRuns`,
    );
    expect(kpiOf(servicesOnly.body, 'templateRuns')).toMatchObject({
      verdict: 'notEnoughData',
      reason:
        'template runs are counted per team, and this scope names no team',
    });
  });

  it('says so while the after window is still running', async () => {
    const shipped = new Date(Date.now() - 3.5 * DAY).toISOString();
    const res = await t.get(
      `/impact?shippedAt=${shipped}&windowDays=90&kpi=deploymentFrequency`,
    );
    expect(res.status).toBe(200);
    expect(res.body.afterWindowComplete).toBe(false);
    const frequency = kpiOf(res.body, 'deploymentFrequency');
    expect(frequency.verdict).toBe('notEnoughData');
    expect(frequency.reason).toMatch(
      /^only 3 whole days have passed since the ship date; at least 7 are needed\. The after window runs until \d{4}-\d{2}-\d{2}; 3 of 90 days so far, so this may change\.$/,
    );
  });

  it('refuses bad input naming the field, and strangers', async () => {
    const bad = async (query: string, field: string) => {
      const res = await t.get(`/impact?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    };
    await bad('shippedAt=2026-02-30&kpi=leadTime', 'shippedAt');
    await bad('shippedAt=2026-03-01&windowDays=45&kpi=leadTime', 'windowDays');
    await bad('shippedAt=2026-03-01&kpi=backlog', 'kpi');
    await bad('shippedAt=2026-03-01&kpi=leadTime&team=checkout', 'team');
    await bad('shippedAt=2026-03-01&kpi=leadTime&entity=nope', 'entity');
    const anonymous = await t.get(
      '/impact?shippedAt=2026-03-01&kpi=leadTime',
      'anonymous',
    );
    expect(anonymous.status).toBe(401);
  });
});
