/*
 * The flow, adoption and catalog-health formulas on small fixtures worked
 * out by hand, on SQLite and PostgreSQL. The rows are what the collectors
 * write (their own tests cover the copying); the DORA formulas are worked
 * through the HTTP API in router.test.ts.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { CollectorState } from '../database/CollectorState';
import { applyMigrations } from '../database/migrations';
import { KpiQueries } from './KpiQueries';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
/** The window: 7 days up to 2026-06-08, UTC. */
const UNTIL = at('2026-06-08T00:00:00Z');
const query = { window: '7d' as const, until: UNTIL, tz: 'UTC' };

const CHECKOUT = 'group:default/checkout-team';
const PAYMENTS = 'group:default/payments-team';

function request(key: string, fields: Record<string, unknown>) {
  const created = fields.created_at as number;
  return {
    request_key: key,
    team_ref: CHECKOUT,
    category: 'pain-point',
    urgency: 'high',
    status: 'new',
    triaged_at: null,
    triage_due_at: created + 24 * HOUR,
    closed_at: null,
    resolve_due_at: created + 14 * DAY,
    rating: null,
    votes: 0,
    hours_lost_per_week: 0,
    updated_at: created,
    ...fields,
  };
}

/*
 * R1 filed 06-02 00:00, triaged 06-02 06:00 (6 h, in time), done 06-04
 *    00:00 (2 days, in time), rated 4, 3 votes, 10 h lost, checkout.
 * R2 filed 06-03 00:00, triaged 06-05 00:00 (2 days: triage SLA of 24 h
 *    missed), declined 06-06 00:00 (3 days), rated 2, 1 vote, payments votes
 *    too; access, 2 h lost.
 * R3 filed 05-01 (before the window), still open: 38 days old at the end,
 *    1–3 months band; its triage clock ran out 05-02 (not in the window).
 * R4 filed 06-07 12:00, new, 5 votes, 1 h lost (under a week old).
 * R5 payments' own, filed 06-01 00:00, duplicate 06-01 12:00 (not in
 *    time-to-resolve, which takes done and declined only).
 */
const REQUESTS = [
  request('REQ-1', {
    created_at: at('2026-06-02T00:00:00Z'),
    triaged_at: at('2026-06-02T06:00:00Z'),
    closed_at: at('2026-06-04T00:00:00Z'),
    status: 'done',
    rating: 4,
    votes: 3,
    hours_lost_per_week: 10,
  }),
  request('REQ-2', {
    created_at: at('2026-06-03T00:00:00Z'),
    triaged_at: at('2026-06-05T00:00:00Z'),
    closed_at: at('2026-06-06T00:00:00Z'),
    status: 'declined',
    category: 'access',
    rating: 2,
    votes: 1,
    hours_lost_per_week: 2,
  }),
  request('REQ-3', {
    created_at: at('2026-05-01T00:00:00Z'),
    status: 'triaged',
    triaged_at: at('2026-05-01T10:00:00Z'),
  }),
  request('REQ-4', {
    created_at: at('2026-06-07T12:00:00Z'),
    votes: 5,
    hours_lost_per_week: 1,
  }),
  request('REQ-5', {
    team_ref: PAYMENTS,
    created_at: at('2026-06-01T00:00:00Z'),
    triaged_at: at('2026-06-01T12:00:00Z'),
    closed_at: at('2026-06-01T12:00:00Z'),
    status: 'duplicate',
    category: 'access',
  }),
];
const REQUEST_TEAMS = [
  ['REQ-1', CHECKOUT],
  ['REQ-2', CHECKOUT],
  ['REQ-2', PAYMENTS],
  ['REQ-3', CHECKOUT],
  ['REQ-4', CHECKOUT],
  ['REQ-5', PAYMENTS],
].map(([request_key, team_ref]) => ({ request_key, team_ref }));

function run(id: string, status: string, created: string, hours = 0) {
  return {
    task_id: id,
    template_ref: 'template:default/typescript-service',
    user_ref: 'user:default/sam.rivera',
    team_ref: CHECKOUT,
    status,
    created_at: at(created),
    finished_at: at(created) + 60_000,
    duration_ms: 60_000,
    hours_saved: hours,
  };
}

function component(name: string, team: string | null, flags: object = {}) {
  return {
    entity_ref: `component:default/${name}`,
    team_ref: team,
    valid_owner: 1,
    has_system: 1,
    has_lifecycle: 1,
    needs_api: 0,
    has_api: 0,
    orphan: 0,
    from_template: 0,
    ...flags,
  };
}

describe.each(databases.eachSupportedId())('KPI formulas on %p', databaseId => {
  let knex: Knex;
  let queries: KpiQueries;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await applyMigrations(mockServices.database({ knex }), knex);
    await knex('kpi_request_facts').insert(REQUESTS);
    await knex('kpi_request_teams').insert(REQUEST_TEAMS);
    await knex('kpi_template_runs').insert([
      run('t1', 'completed', '2026-06-02T10:00:00Z', 6),
      run('t2', 'completed', '2026-06-03T10:00:00Z', 6),
      run('t3', 'failed', '2026-06-03T11:00:00Z', 6),
      run('t4', 'processing', '2026-06-07T11:00:00Z'),
      run('t0', 'completed', '2026-05-30T10:00:00Z', 6),
    ]);
    await knex('kpi_catalog_components').insert([
      component('a', CHECKOUT, { from_template: 1, needs_api: 1, has_api: 1 }),
      component('b', CHECKOUT, { needs_api: 1, has_system: 0 }),
      component('c', PAYMENTS, { valid_owner: 0, has_lifecycle: 0 }),
      component('d', PAYMENTS, { orphan: 1, from_template: 1 }),
    ]);
    const snapshot = (day: string, components: number, withSystem: number) => ({
      day_start: at(day),
      team_ref: CHECKOUT,
      components,
      valid_owner: components,
      has_system: withSystem,
      has_lifecycle: components,
      needs_api: 2,
      has_api: 1,
      orphans: 0,
      from_template: 1,
      taken_at: at(day) + HOUR,
    });
    await knex('kpi_catalog_snapshots').insert([
      snapshot('2026-05-31T00:00:00Z', 2, 0),
      snapshot('2026-06-03T00:00:00Z', 2, 1),
    ]);
    queries = new KpiQueries(knex, new CollectorState(knex));
  });

  describe('intake flow', () => {
    it('counts, medians, satisfaction and the series', async () => {
      const flow = await queries.flow(query);
      // Filed in the window: R1, R2, R4, R5. Closed: R1, R2, R5.
      expect(flow.metrics.created).toBe(4);
      expect(flow.metrics.closed).toBe(3);
      // Triaged in the window: R1 6 h, R2 48 h, R5 12 h → median 12 h.
      expect(flow.metrics.medianTimeToTriageSeconds).toBe(12 * 3600);
      // Done or declined: R1 2 days, R2 3 days → 2.5 days.
      expect(flow.metrics.medianTimeToResolveSeconds).toBe(2.5 * 86400);
      expect(flow.metrics.satisfaction).toEqual({ average: 3, ratings: 2 });
      expect(flow.series.map(p => [p.created, p.closed])).toEqual([
        [1, 1], // 06-01: R5 filed and closed
        [1, 0],
        [1, 0],
        [0, 1],
        [0, 0],
        [0, 1],
        [1, 0],
      ]);
    });

    it('ages the backlog at the end of the window', async () => {
      const flow = await queries.flow(query);
      expect(flow.backlog).toEqual({
        open: 2,
        ages: [
          { label: 'under 1 week', count: 1 },
          { label: '1–4 weeks', count: 0 },
          { label: '1–3 months', count: 1 },
          { label: 'over 3 months', count: 0 },
        ],
      });
    });

    it('measures SLA compliance per urgency', async () => {
      const flow = await queries.flow(query);
      const high = flow.sla.find(s => s.urgency === 'high')!;
      // Triage clocks stopped in the window: R1 (met), R2 (missed), R5 (met);
      // R4's runs out after the window. Resolve: R1, R2, R5 all in time.
      expect(high.triage).toEqual({ met: 2, total: 3, rate: 2 / 3 });
      expect(high.resolve).toEqual({ met: 3, total: 3, rate: 1 });
      expect(flow.sla.find(s => s.urgency === 'low')!.triage.rate).toBeNull();
    });

    it('ranks categories by votes, teams and hours lost', async () => {
      const flow = await queries.flow(query);
      expect(flow.topCategories.byVotes).toEqual([
        { category: 'pain-point', value: 8 },
        { category: 'access', value: 1 },
      ]);
      expect(flow.topCategories.byTeams).toEqual([
        { category: 'access', value: 2 },
        { category: 'pain-point', value: 1 },
      ]);
      expect(flow.topCategories.byHoursLost).toEqual([
        { category: 'pain-point', value: 11 },
        { category: 'access', value: 2 },
      ]);
    });

    it('filters by requesting team', async () => {
      const flow = await queries.flow({ ...query, team: PAYMENTS });
      expect(flow.metrics).toMatchObject({ created: 1, closed: 1 });
      expect(flow.metrics.medianTimeToResolveSeconds).toBeNull();
    });
  });

  describe('a reopened request', () => {
    it('counts triage time from the reopen, not from the filing', async () => {
      // Filed in January, reopened on 5 June, triaged two hours later.
      await knex('kpi_request_facts').insert(
        request('REQ-6', {
          team_ref: 'group:default/reopen-team',
          created_at: at('2026-01-10T00:00:00Z'),
          opened_at: at('2026-06-05T00:00:00Z'),
          triaged_at: at('2026-06-05T02:00:00Z'),
          status: 'triaged',
        }),
      );
      try {
        const flow = await queries.flow({
          ...query,
          team: 'group:default/reopen-team',
        });
        expect(flow.metrics.medianTimeToTriageSeconds).toBe(2 * 3600);
      } finally {
        await knex('kpi_request_facts').where('request_key', 'REQ-6').delete();
      }
    });
  });

  describe('golden-path adoption', () => {
    it('counts runs, success rate and hours saved in the window', async () => {
      const adoption = await queries.adoption(query);
      // t0 is before the window; t4 still runs (neither success nor failure).
      expect(adoption.metrics).toEqual({
        runs: 4,
        succeeded: 2,
        failed: 1,
        successRate: 2 / 3,
        hoursSaved: 12,
      });
      expect(adoption.previous).toMatchObject({ runs: 1, hoursSaved: 6 });
      expect(adoption.byTemplate).toEqual([
        {
          template: 'template:default/typescript-service',
          runs: 4,
          succeeded: 2,
          hoursSaved: 12,
        },
      ]);
    });

    it('shares components created from templates, per team', async () => {
      const adoption = await queries.adoption(query);
      expect(adoption.components).toEqual({
        total: 4,
        fromTemplate: 2,
        share: 0.5,
      });
      expect(adoption.perTeam).toEqual([
        { team: CHECKOUT, total: 2, fromTemplate: 1, share: 0.5 },
        { team: PAYMENTS, total: 2, fromTemplate: 1, share: 0.5 },
      ]);
    });
  });

  describe('catalog health', () => {
    it('shares each property, per team, with the gaps worst first', async () => {
      const health = await queries.catalogHealth(query);
      expect(health.counts).toEqual({
        components: 4,
        withValidOwner: 3,
        withSystem: 3,
        withLifecycle: 3,
        needApi: 2,
        withApi: 1,
        orphans: 1,
      });
      expect(health.shares).toEqual({
        validOwner: 0.75,
        system: 0.75,
        lifecycle: 0.75,
        api: 0.5,
        orphans: 0.25,
      });
      expect(health.gaps).toEqual([
        {
          entityRef: 'component:default/c',
          team: PAYMENTS,
          missing: ['owner', 'lifecycle'],
        },
        {
          entityRef: 'component:default/b',
          team: CHECKOUT,
          missing: ['system', 'api'],
        },
        {
          entityRef: 'component:default/d',
          team: PAYMENTS,
          missing: ['orphaned'],
        },
      ]);
    });

    it('trends the daily snapshots and compares with the one before the window', async () => {
      const health = await queries.catalogHealth({ ...query, team: CHECKOUT });
      expect(health.previous?.system).toBe(0);
      expect(health.series.map(p => [p.start, p.system])).toEqual([
        ['2026-05-31T00:00:00.000Z', 0],
        ['2026-06-03T00:00:00.000Z', 0.5],
      ]);
    });
  });
});
