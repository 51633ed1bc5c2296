import { TestDatabases } from '@backstage/backend-test-utils';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  KpisBackend,
  SERVICES,
  startKpisBackend,
  TEAMS,
  TOKENS,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const HOUR = 3600;

/** A successful production deployment of checkout-api. */
function deployment(id: string, finishedAt: string, extra: object = {}) {
  return {
    id,
    type: 'deployment',
    entityRef: SERVICES.checkoutApi,
    environment: 'production',
    status: 'success',
    startedAt: new Date(Date.parse(finishedAt) - 5 * 60_000).toISOString(),
    finishedAt,
    ...extra,
  };
}

/*
 * The hand-computed fixture, window 2026-06-01 to 2026-06-08 (7 days, UTC):
 * checkout-api (checkout-team)
 *   d1 success 06-01 10:00, first commit 08:00 → lead 2 h
 *   d2 success 06-01 15:00, first commit 09:00 → lead 6 h
 *   d3 failure 06-02 10:00
 *   d4 success on staging 06-03 (does not count)
 *   d5 success 06-04 12:00, no firstCommitAt; commit abc1234 whose change
 *      event (committed 02:00, sent later) makes lead 10 h
 *   i1 opened 06-04 13:00, resolved 14:30, caused by d5 (sent before d5)
 *   i2 opened 06-05 00:00, resolved 04:00, no deployment
 * payment-gateway (payments-team)
 *   p1 success 06-06 00:00, first commit 06-05 00:00 → lead 24 h
 */
const FIRST_BATCH = [
  {
    id: 'i1',
    type: 'incident',
    entityRef: SERVICES.checkoutApi,
    severity: 'sev2',
    openedAt: '2026-06-04T13:00:00Z',
    resolvedAt: '2026-06-04T14:30:00Z',
    deploymentId: 'd5',
  },
  deployment('d1', '2026-06-01T10:00:00Z', {
    firstCommitAt: '2026-06-01T08:00:00Z',
  }),
  deployment('d2', '2026-06-01T15:00:00Z', {
    firstCommitAt: '2026-06-01T09:00:00Z',
  }),
  deployment('d3', '2026-06-02T10:00:00Z', { status: 'failure' }),
  deployment('d4', '2026-06-03T10:00:00Z', { environment: 'staging' }),
];
const SECOND_BATCH = [
  deployment('d5', '2026-06-04T12:00:00Z', { commitShas: ['ABC1234'] }),
  {
    id: 'i2',
    type: 'incident',
    entityRef: 'checkout-api',
    openedAt: '2026-06-05T00:00:00Z',
    resolvedAt: '2026-06-05T04:00:00+00:00',
  },
  {
    ...deployment('p1', '2026-06-06T00:00:00Z', {
      firstCommitAt: '2026-06-05T00:00:00Z',
    }),
    entityRef: SERVICES.paymentGateway,
  },
];
const THIRD_BATCH = [
  {
    id: 'c1',
    type: 'change',
    entityRef: SERVICES.checkoutApi,
    kind: 'pull_request',
    sha: 'abc1234',
    committedAt: '2026-06-04T02:00:00Z',
    mergedAt: '2026-06-04T11:00:00Z',
  },
];
const WINDOW = 'window=7d&until=2026-06-08T00:00:00Z';
const ALL = 'include=previous,series,breakdown';

describe.each(databases.eachSupportedId())(
  'platform-kpis API on %p',
  databaseId => {
    let t: KpisBackend;
    beforeAll(async () => {
      t = await startKpisBackend(await databases.init(databaseId));
      for (const batch of [FIRST_BATCH, SECOND_BATCH, THIRD_BATCH]) {
        const res = await t.ingest(batch);
        if (res.status !== 200) throw new Error(`fixture: ${res.text}`);
      }
    });
    afterAll(() => t.backend.stop());

    describe('ingestion', () => {
      it('answers per item, in order, and stores a repeated event once', async () => {
        const res = await t.ingest([
          deployment('n1', '2026-05-01T10:00:00Z'),
          deployment('d1', '2026-06-01T10:00:00Z'),
          deployment('n1', '2026-05-01T10:00:00Z'),
        ]);
        expect(res.status).toBe(200);
        expect(res.body.results).toEqual([
          { id: 'n1', status: 'accepted' },
          { id: 'd1', status: 'duplicate' },
          { id: 'n1', status: 'duplicate' },
        ]);
      });

      it.each([
        [
          'a date that does not parse',
          { finishedAt: '2026-13-45T99:00:00Z' },
          'events[1].finishedAt',
        ],
        [
          'a timestamp without a zone',
          { startedAt: '2026-06-01T10:00:00' },
          'events[1].startedAt',
        ],
        [
          'epoch milliseconds',
          { finishedAt: 1780000000000 },
          'events[1].finishedAt: must be an ISO 8601 string with a zone, like 2026-03-01T12:00:00Z; got the number 1780000000000 (epoch milliseconds?)',
        ],
        [
          'the year 9999',
          { finishedAt: '9999-01-01T00:00:00Z' },
          'events[1].finishedAt: must lie between 2000-01-01',
        ],
        [
          'an unknown type',
          { type: 'release' },
          'events[1].type: must be one of deployment, incident, change',
        ],
        ['a missing id', { id: undefined }, 'events[1].id: is required'],
        [
          'a service the catalog does not know',
          { entityRef: 'component:default/nope' },
          'events[1].entityRef: component:default/nope is not a Component in the catalog',
        ],
        [
          'a finish before the start',
          { startedAt: '2026-05-02T11:00:00Z' },
          'events[1].finishedAt: is before startedAt',
        ],
        [
          'a first commit after the finish',
          { firstCommitAt: '2026-05-02T11:00:00Z' },
          'events[1].firstCommitAt: is after finishedAt',
        ],
        ['an unknown field', { colour: 'red' }, 'events[1]'],
        [
          '__proto__',
          JSON.parse('{"__proto__": {"polluted": true}}'),
          'events[1]',
        ],
      ])(
        'rejects %s with 400 naming item and field, and keeps the valid items',
        async (_name, change, message) => {
          const slug = _name.replace(/[^a-z0-9]+/gi, '-');
          const valid = deployment(`ok-${slug}`, '2026-05-02T10:00:00Z');
          const bad = {
            ...deployment(`bad-${slug}`, '2026-05-02T10:00:00Z'),
            ...change,
          };
          const res = await t.ingest([valid, bad]);
          expect(res.status).toBe(400);
          expect(res.body.error.message).toContain(message);
          expect(res.body.results[0]).toEqual({
            id: valid.id,
            status: 'accepted',
          });
          expect(res.body.results[1]).toMatchObject({
            status: 'rejected',
            error: expect.stringContaining(message),
          });
          expect(({} as any).polluted).toBeUndefined();
          // The valid one is stored: sending it again is a duplicate.
          const again = await t.ingest([valid]);
          expect(again.body.results).toEqual([
            { id: valid.id, status: 'duplicate' },
          ]);
        },
      );

      it('refuses a body that is not a batch with 400', async () => {
        for (const body of [
          '[]',
          '{"events": {}}',
          '{"events": []}',
          '{"events": [], "x": 1}',
          'not json',
        ]) {
          const res = await t.postRaw(body);
          expect(res.status).toBe(400);
          expect(res.body.error.message).toMatch(
            /events|body|JSON|x: unknown field|Unexpected/,
          );
        }
      });

      it('answers 413 to more than 1,000 events or more than 1 MB', async () => {
        const many = Array.from({ length: 1001 }, (_, i) =>
          deployment(`many-${i}`, '2026-05-03T10:00:00Z'),
        );
        const tooMany = await t.ingest(many);
        expect(tooMany.status).toBe(413);
        expect(tooMany.body.error.message).toContain('1001 events');
        const big = await t.postRaw(
          JSON.stringify({ events: [{ id: 'x'.repeat(1_100_000) }] }),
        );
        expect(big.status).toBe(413);
        const stored = await t.get(
          `/events?service=${SERVICES.checkoutApi}&limit=100`,
        );
        expect(
          stored.body.items.some((e: any) => e.id.startsWith('many-')),
        ).toBe(false);
      });

      it('stores each event once when three identical batches race', async () => {
        const batch = Array.from({ length: 200 }, (_, i) =>
          deployment(`race-${i}`, '2026-04-01T10:00:00Z'),
        );
        const results = await Promise.all([
          t.ingest(batch),
          t.ingest(batch),
          t.ingest(batch),
        ]);
        for (const r of results) expect(r.status).toBe(200);
        const accepted = results
          .flatMap(r => r.body.results)
          .filter((r: any) => r.status === 'accepted');
        expect(accepted).toHaveLength(200);
        const april = await t.get(
          `/dora?service=${SERVICES.checkoutApi}&window=7d&until=2026-04-02T00:00:00Z`,
        );
        expect(april.body.metrics.deploymentFrequency.deployments).toBe(200);
      });

      it('lets only a CI token restricted to ingestion post, and audits it', async () => {
        const batch = [deployment('auth-1', '2026-05-04T10:00:00Z')];
        // Each refusal says why.
        const refusal = (res: { status: number; body: any }) =>
          `${res.status} ${res.body?.error?.message}`;
        expect(
          refusal(
            await t.ingest(
              batch,
              mockCredentials.user.header('user:default/sam.rivera'),
            ),
          ),
        ).toBe(
          '403 people do not ingest KPI events, CI systems do: use a static token under backend.auth.externalAccess restricted to platform-kpis.events.ingest',
        );
        expect((await t.ingest(batch, '')).status).toBe(401);
        expect(
          refusal(await t.ingest(batch, `Bearer ${TOKENS.otherPermission}`)),
        ).toBe(
          '403 this token may not ingest KPI events: use a static token under backend.auth.externalAccess restricted to platform-kpis.events.ingest',
        );
        expect(
          refusal(await t.ingest(batch, mockCredentials.service.header())),
        ).toMatch(/^403 this token may not ingest KPI events: /);
        expect((await t.ingest(batch, 'Bearer tampered-token')).status).toBe(
          401,
        );
        // None of them stored anything.
        const ok = await t.ingest(batch);
        expect(ok.body.results).toEqual([{ id: 'auth-1', status: 'accepted' }]);
        expect(t.audits).toContainEqual(
          expect.objectContaining({
            eventId: 'kpi-events-ingest',
            outcome: 'fail',
          }),
        );
        expect(t.audits).toContainEqual(
          expect.objectContaining({
            eventId: 'kpi-events-ingest',
            outcome: 'success',
            meta: expect.objectContaining({
              subject: 'external:github-actions',
              accepted: 1,
            }),
          }),
        );
      });

      it('keeps the resolved copy when an incident opens and closes in one batch', async () => {
        const open = {
          id: 'inc-same-batch',
          type: 'incident',
          entityRef: SERVICES.paymentGateway,
          openedAt: '2026-05-12T10:00:00Z',
        };
        const res = await t.ingest([
          open,
          { ...open, resolvedAt: '2026-05-12T10:30:00Z' },
        ]);
        expect(res.body.results.map((r: any) => r.status)).toEqual([
          'duplicate',
          'accepted',
        ]);
        const dora = await t.get(
          `/dora?service=${SERVICES.paymentGateway}&window=7d&until=2026-05-13T00:00:00Z`,
        );
        expect(dora.body.metrics.timeToRestore).toMatchObject({
          resolved: 1,
          medianSeconds: 1800,
        });
      });

      it('keeps ids apart by type: a deployment and a change may share one', async () => {
        const res = await t.ingest([
          { ...deployment('shared-id', '2026-05-14T10:00:00Z') },
          {
            id: 'shared-id',
            type: 'change',
            entityRef: SERVICES.checkoutApi,
            sha: 'feed123',
            committedAt: '2026-05-14T08:00:00Z',
          },
        ]);
        expect(res.body.results.map((r: any) => r.status)).toEqual([
          'accepted',
          'accepted',
        ]);
      });

      it('resolves an incident whose openedAt comes back more precise, and keeps its deployment', async () => {
        await t.ingest([
          deployment('dep-for-inc', '2026-05-20T09:00:00Z'),
          {
            id: 'inc-precise',
            type: 'incident',
            entityRef: SERVICES.checkoutApi,
            openedAt: '2026-05-20T10:00:00Z',
            deploymentId: 'dep-for-inc',
          },
        ]);
        const resolved = await t.ingest([
          {
            id: 'inc-precise',
            type: 'incident',
            entityRef: SERVICES.checkoutApi,
            openedAt: '2026-05-20T10:00:00.250Z',
            resolvedAt: '2026-05-20T11:00:00.250Z',
          },
        ]);
        expect(resolved.body.results[0].status).toBe('accepted');
        const events = await t.get(
          `/events?service=${SERVICES.checkoutApi}&type=incident&limit=100`,
        );
        expect(
          events.body.items.find((e: any) => e.id === 'inc-precise'),
        ).toMatchObject({
          resolvedAt: '2026-05-20T11:00:00.250Z',
          deploymentId: 'dep-for-inc',
        });
      });

      it('settles lead times and failures when related events race in separate batches', async () => {
        const rounds = Array.from({ length: 10 }, (_, i) => i);
        await Promise.all(
          rounds.flatMap(i => {
            const sha = `abcdef${i}0`;
            return [
              t.ingest([
                {
                  ...deployment(`race-dep-${i}`, '2026-05-25T12:00:00Z'),
                  entityRef: SERVICES.cartService,
                  commitShas: [sha],
                },
              ]),
              t.ingest([
                {
                  id: `race-change-${i}`,
                  type: 'change',
                  entityRef: SERVICES.cartService,
                  sha,
                  committedAt: '2026-05-25T10:00:00Z',
                },
                {
                  id: `race-inc-${i}`,
                  type: 'incident',
                  entityRef: SERVICES.cartService,
                  openedAt: '2026-05-25T12:30:00Z',
                  resolvedAt: '2026-05-25T13:00:00Z',
                  deploymentId: `race-dep-${i}`,
                },
              ]),
            ];
          }),
        );
        const events = await t.get(
          `/events?service=${SERVICES.cartService}&type=deployment&limit=100`,
        );
        const raced = events.body.items.filter((e: any) =>
          e.id.startsWith('race-dep-'),
        );
        expect(raced).toHaveLength(10);
        for (const e of raced) {
          expect(e).toMatchObject({
            leadTimeSeconds: 2 * 3600,
            causedIncident: true,
          });
        }
      });

      it('resolves an open incident when it is sent again with resolvedAt', async () => {
        const open = {
          id: 'inc-open',
          type: 'incident',
          entityRef: SERVICES.paymentGateway,
          openedAt: '2026-05-10T10:00:00Z',
        };
        expect((await t.ingest([open])).body.results[0].status).toBe(
          'accepted',
        );
        const before = await t.get(
          `/dora?service=${SERVICES.paymentGateway}&window=7d&until=2026-05-11T00:00:00Z`,
        );
        expect(before.body.metrics.timeToRestore).toMatchObject({
          open: 1,
          resolved: 0,
          medianSeconds: null,
        });
        const resolved = { ...open, resolvedAt: '2026-05-10T12:00:00Z' };
        expect((await t.ingest([resolved])).body.results[0].status).toBe(
          'accepted',
        );
        expect((await t.ingest([resolved])).body.results[0].status).toBe(
          'duplicate',
        );
        const after = await t.get(
          `/dora?service=${SERVICES.paymentGateway}&window=7d&until=2026-05-11T00:00:00Z`,
        );
        expect(after.body.metrics.timeToRestore).toMatchObject({
          open: 0,
          resolved: 1,
          medianSeconds: 2 * HOUR,
        });
      });
    });

    describe('GET /dora', () => {
      it('computes the organisation’s four keys as worked out by hand', async () => {
        const res = await t.get(`/dora?${WINDOW}&${ALL}`);
        expect(res.status).toBe(200);
        const m = res.body.metrics;
        expect(m.deploymentFrequency).toEqual({
          deployments: 4,
          perDay: 4 / 7,
          deployDaysPerWeek: 3,
          tier: 'high',
        });
        expect(m.leadTime).toEqual({
          medianSeconds: 8 * HOUR,
          measured: 4,
          tier: 'elite',
        });
        expect(m.changeFailureRate).toEqual({
          rate: 0.4,
          failures: 2,
          total: 5,
          tier: 'low',
        });
        expect(m.timeToRestore).toEqual({
          medianSeconds: 9900,
          resolved: 2,
          open: 0,
          tier: 'high',
        });
        expect(m.tier).toBe('low');
        expect(res.body.scope).toEqual({ kind: 'organisation' });
        expect(
          res.body.breakdown.map((r: any) => [
            r.ref,
            r.metrics.deploymentFrequency.deployments,
          ]),
        ).toEqual([
          [TEAMS.checkout, 3],
          [TEAMS.payments, 1],
        ]);
        expect(res.body.series).toHaveLength(7);
        expect(res.body.series[0]).toMatchObject({
          start: '2026-06-01T00:00:00.000Z',
          deployments: 2,
          deployDays: 1,
          medianLeadTimeSeconds: 4 * HOUR,
        });
        expect(res.body.demoData).toBe(false);
      });

      it('narrows to a team and to a service', async () => {
        const team = await t.get(
          `/dora?${WINDOW}&${ALL}&team=${TEAMS.checkout}`,
        );
        expect(team.body.metrics.deploymentFrequency.deployments).toBe(3);
        expect(team.body.metrics.leadTime.medianSeconds).toBe(6 * HOUR);
        expect(team.body.metrics.changeFailureRate.rate).toBe(0.5);
        expect(team.body.breakdown.map((r: any) => r.ref)).toEqual([
          SERVICES.checkoutApi,
        ]);
        const service = await t.get(
          `/dora?${WINDOW}&service=${SERVICES.paymentGateway}`,
        );
        expect(service.body.metrics.leadTime).toEqual({
          medianSeconds: 24 * HOUR,
          measured: 1,
          tier: 'high',
        });
        expect(service.body.metrics.timeToRestore.medianSeconds).toBeNull();
        expect(service.body.breakdown).toEqual([]);
      });

      it('counts calendar days in the viewer’s time zone', async () => {
        // In Tokyo d2 (15:00 UTC) falls on 2 June: four deploy days, not three.
        const tokyo = await t.get(`/dora?${WINDOW}&${ALL}&tz=Asia/Tokyo`);
        expect(tokyo.body.metrics.deploymentFrequency.deployDaysPerWeek).toBe(
          4,
        );
        expect(tokyo.body.series[0].start).toBe('2026-05-31T15:00:00.000Z');
      });

      it('puts deployments either side of a daylight-saving change on the right local day', async () => {
        // Berlin moved to CEST at 01:00 UTC on 29 March 2026. 21:30 UTC that day
        // is 23:30 in Berlin; 22:30 UTC is already 00:30 on 30 March.
        await t.ingest([
          {
            ...deployment('dst-1', '2026-03-29T21:30:00Z'),
            entityRef: SERVICES.cartService,
          },
          {
            ...deployment('dst-2', '2026-03-29T22:30:00Z'),
            entityRef: SERVICES.cartService,
          },
        ]);
        const q = `/dora?service=${SERVICES.cartService}&window=7d&until=2026-04-01T00:00:00Z&include=series`;
        const utc = await t.get(q);
        const berlin = await t.get(`${q}&tz=Europe/Berlin`);
        expect(utc.body.metrics.deploymentFrequency.deployDaysPerWeek).toBe(1);
        expect(berlin.body.metrics.deploymentFrequency.deployDaysPerWeek).toBe(
          2,
        );
        const days = berlin.body.series
          .filter((p: any) => p.deployments > 0)
          .map((p: any) => p.start);
        expect(days).toEqual([
          '2026-03-28T23:00:00.000Z',
          '2026-03-29T22:00:00.000Z',
        ]);
      });

      it('rates a window whose every production deployment failed', async () => {
        await t.ingest([
          {
            ...deployment('all-failed-1', '2026-02-02T10:00:00Z'),
            status: 'failure',
            entityRef: SERVICES.paymentGateway,
          },
          {
            ...deployment('all-failed-2', '2026-02-03T10:00:00Z'),
            status: 'failure',
            entityRef: SERVICES.paymentGateway,
          },
        ]);
        const res = await t.get(
          `/dora?service=${SERVICES.paymentGateway}&window=7d&until=2026-02-05T00:00:00Z`,
        );
        expect(res.body.metrics.changeFailureRate).toMatchObject({
          rate: 1,
          tier: 'low',
        });
        expect(res.body.metrics.tier).toBe('low');
      });

      it('answers a window without deployments with nulls, not zeros in disguise', async () => {
        const res = await t.get('/dora?window=7d&until=2020-01-08T00:00:00Z');
        expect(res.status).toBe(200);
        expect(res.body.metrics).toMatchObject({
          deploymentFrequency: { deployments: 0, perDay: 0, tier: null },
          leadTime: { medianSeconds: null, tier: null },
          changeFailureRate: { rate: null, total: 0, tier: null },
          timeToRestore: { medianSeconds: null, tier: null },
          tier: null,
        });
      });

      it('compares against the window before', async () => {
        const res = await t.get(
          `/dora?window=7d&until=2026-06-15T00:00:00Z&include=previous`,
        );
        expect(res.body.metrics.deploymentFrequency.deployments).toBe(0);
        expect(res.body.previous.deploymentFrequency.deployments).toBe(4);
      });

      it.each([
        ['window=5d', 'window'],
        ['include=everything', 'include'],
        ['team=checkout-team', 'team: must be a group reference'],
        ['service=group:default/x', 'service: must be a component reference'],
        ['tz=Mars/Olympus', 'tz: must be an IANA time zone'],
        ['until=yesterday', 'until'],
        ['until=2026-02-30T00:00:00Z', 'until: is not a valid date'],
        [
          'sort=finished_at;DROP TABLE kpi_deployments',
          'sort: unknown parameter',
        ],
        [
          `team=${TEAMS.checkout}&service=${SERVICES.checkoutApi}`,
          'give team or service, not both',
        ],
      ])('answers 400 to %s', async (query, message) => {
        const res = await t.get(`/dora?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(message);
      });

      it('adds the previous window, series and breakdown only when asked', async () => {
        const bare = await t.get(`/dora?${WINDOW}`);
        expect(bare.body.metrics.deploymentFrequency.deployments).toBe(4);
        expect(bare.body).toMatchObject({
          previous: null,
          series: [],
          breakdown: [],
        });
        const some = await t.get(`/dora?${WINDOW}&include=series`);
        expect(some.body.series).toHaveLength(7);
        expect(some.body.breakdown).toEqual([]);
      });

      it('is for signed-in callers only', async () => {
        expect((await t.get(`/dora?${WINDOW}`, 'anonymous')).status).toBe(401);
      });
    });

    describe('GET /events', () => {
      it('lists a service’s latest deployments and incidents, newest first', async () => {
        const res = await t.get(
          `/events?service=${SERVICES.checkoutApi}&limit=100`,
        );
        expect(res.status).toBe(200);
        const d5 = res.body.items.find((e: any) => e.id === 'd5');
        expect(d5).toMatchObject({
          type: 'deployment',
          leadTimeSeconds: 10 * HOUR,
          causedIncident: true,
        });
        const times = res.body.items.map((e: any) =>
          Date.parse(e.finishedAt ?? e.openedAt),
        );
        expect([...times].sort((a, b) => b - a)).toEqual(times);
      });
    });

    describe('the other KPI endpoints', () => {
      it.each(['/flow', '/adoption', '/catalog-health'])(
        '%s answers an empty organisation with zeros and nulls',
        async path => {
          const res = await t.get(`${path}?${WINDOW}`);
          expect(res.status).toBe(200);
          expect(res.body.window).toMatchObject({
            days: 7,
            tz: 'UTC',
            bucket: 'day',
          });
          expect(res.body.scope).toEqual({ kind: 'organisation' });
        },
      );

      it.each(['/flow', '/adoption', '/catalog-health'])(
        '%s validates its query',
        async path => {
          const res = await t.get(`${path}?window=2w`);
          expect(res.status).toBe(400);
          expect(res.body.error.message).toContain('window');
        },
      );
    });
  },
);
