/*
 * A short soak of the whole backend, as `npm start` runs it, on SQLite and
 * PostgreSQL: an open-loop mix of catalog, platform-request and KPI reads
 * and writes (creates, votes, event ingestion) at a fixed rate. No answer
 * may be a 5xx or anything but a success, every write the backend accepted
 * must be stored exactly once, and the backend's memory must not climb
 * far after warm-up. The two-minute run at 200 requests/s with figures is
 * bench/load/run.mjs; this one asserts no timings.
 */
import {
  guestToken,
  newPostgresPrefix,
  PortalProcess,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';
import crypto from 'node:crypto';
import {
  catalogComponents,
  LoadReport,
  rssOfProcess,
  rssSummary,
  runLoad,
} from './__testUtils__/loadMix';
import { countRows, PluginDatabase } from './__testUtils__/pluginRows';
import { engines } from './__testUtils__/support';

jest.setTimeout(400_000);

// A quarter of the benchmark's 200/s: npm test runs other suites beside this one on
// the same two cores, and an overloaded backend answers late or 5xx (see
// docs/benchmarks.md), which would make this test fail for the machine.
const RATE_PER_SECOND = 50;
const DURATION_MS = 20_000;
const WARMUP_MS = 5_000;
// Generous on purpose: under load the backend's heap grows for its first
// half minute or so before it settles (on SQLite at 100/s by about 220 MiB;
// at this rate it grew 5-20 MiB in these 15 s), so 20 s cannot show
// flatness. This bound catches only a gross leak (above ~200 KiB per
// request); the benchmark's two minutes are what show the memory flat.
const RSS_GROWTH_AFTER_WARMUP_MIB = 150;

describe.each(engines)(
  'the backend under a steady mixed load on %s',
  engine => {
    const prefix = newPostgresPrefix();
    const runId = `load${crypto.randomBytes(3).toString('hex')}`;
    let portal: PortalProcess;
    let report: LoadReport;
    let db: PluginDatabase;

    beforeAll(async () => {
      portal = await startPortal({ database: engine, postgresPrefix: prefix });
      db = engine === 'postgres' ? { engine, prefix } : { engine, portal };
      await waitForDemoCatalog(portal.baseUrl);
      const userToken = await guestToken(portal.baseUrl);
      report = await runLoad({
        baseUrl: portal.baseUrl,
        userToken,
        ingestToken: 'local-kpi-ingest-token',
        runId,
        services: await catalogComponents(portal.baseUrl, userToken),
        ratePerSecond: RATE_PER_SECOND,
        durationMs: DURATION_MS,
        rssMiB: () => rssOfProcess(portal.child.pid!),
      });
      // The figures, for whoever reads the test log.
      console.log(
        JSON.stringify(
          {
            engine,
            ...report,
            accepted: {
              requests: report.accepted.requests.length,
              votes: report.accepted.votes.length,
              events: report.accepted.events.length,
            },
            rss: rssSummary(report, WARMUP_MS),
          },
          null,
          2,
        ),
      );
    });
    afterAll(async () => {
      await portal?.stop();
    });

    it('sent the mix: reads and all three kinds of writes', () => {
      expect(report.skipped).toBe(0);
      expect(report.sent).toBe(report.scheduled);
      for (const kind of [
        'catalog-list',
        'requests-list',
        'request-get',
        'kpi-dora',
        'request-create',
        'request-vote',
        'kpi-ingest',
      ] as const) {
        expect(report.kinds[kind]?.count).toBeGreaterThan(0);
      }
    });

    it('answered every request with a success: no 5xx, no other failure', () => {
      if (report.failures.length > 0) {
        // What the backend said about them.
        console.log(
          portal
            .output()
            .split('\n')
            .filter(line => line.includes('"level":"error"'))
            .slice(0, 20)
            .join('\n'),
        );
      }
      expect(report.failures).toEqual([]);
      expect(report.serverErrors).toBe(0);
      expect(report.networkErrors).toBe(0);
      expect(report.otherNon2xx).toBe(0);
    });

    it('stored exactly the writes it accepted', async () => {
      const { requests, votes, events } = report.accepted;
      expect(requests.length).toBe(report.kinds['request-create']!.count);
      const like = `Load ${runId} #%`;
      expect(
        await countRows(
          db,
          'platform-requests',
          'select count(*) as n from requests where title like ?',
          [like],
        ),
      ).toBe(requests.length);
      expect(
        await countRows(
          db,
          'platform-requests',
          'select count(*) as n from votes where request_id in (select id from requests where title like ?)',
          [like],
        ),
      ).toBe(votes.length);
      expect(new Set(events).size).toBe(events.length);
      expect(
        await countRows(
          db,
          'platform-kpis',
          'select count(*) as n from kpi_deployments where id like ?',
          [`${runId}-dep-%`],
        ),
      ).toBe(events.length);
    });

    it('did not grow its memory beyond a generous bound after warm-up', () => {
      const rss = rssSummary(report, WARMUP_MS)!;
      expect(rss.endMiB - rss.warmMiB).toBeLessThan(
        RSS_GROWTH_AFTER_WARMUP_MIB,
      );
    });
  },
);
