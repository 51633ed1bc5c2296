#!/usr/bin/env node
/*
 * Load and soak benchmark (not a test). Starts the real backend as
 * `npm start` does on an empty database with the demo organisation, waits
 * for the catalog, then sends an open-loop mix at a fixed rate for a fixed
 * time (default 200 requests/s for 2 minutes) on loopback:
 *   reads   catalog entity lists and single entities, the requests list and
 *           single requests, DORA summaries, a service's recent KPI events
 *   writes  request creates and votes (the guest user), KPI deployment
 *           events (the static ingest token), one event per POST
 * The mix is @internal/demo-data's load mix (packages/demo-data/src/load/),
 * sent by @internal/testing's runLoad, as in the short load test in
 * `npm test`. It records the achieved rate, latency p50/p95/p99 per kind
 * (from the moment each request was due, so a slow backend cannot hide by
 * slowing the load), 5xx and other non-2xx answers, writes accepted against
 * rows in the database, and the backend's RSS (VmRSS) every second.
 *
 *   eval "$(node scripts/portal.mjs env)"
 *   node bench/load/run.mjs                        # PostgreSQL and SQLite, 200/s, 120 s each
 *   node bench/load/run.mjs --engine pg --rate 200 --seconds 120 --warmup 30
 * Options: --engine pg|sqlite|both, --rate, --seconds, --warmup (seconds
 * before "warm" RSS is taken), --pool (PostgreSQL connections per plugin,
 * default 4 as in the tests: the server is shared), --seed, --settle
 * (seconds to wait after the catalog is loaded before the load starts;
 * default 0: the load begins as soon as the demo catalog is there).
 * Results: bench/results/load-<engine>.json and a table on stdout.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sleep } from '../foundation/measure.mjs';
import { guestToken, repoRoot, waitForDemoCatalog } from '@internal/harness';
import { startBenchBackend } from '../lib/backend.mjs';
import { option } from '../lib/cli.mjs';
import { requireWorkspace } from '../lib/workspace.mjs';

const {
  catalogComponents,
  countRows: countPluginRows,
  rssOfProcess,
  rssSummary,
  runLoad,
} = requireWorkspace('@internal/testing');

const ENGINES = {
  pg: ['postgres'],
  postgres: ['postgres'],
  sqlite: ['sqlite'],
  both: ['postgres', 'sqlite'],
}[option('engine', 'both')];
if (!ENGINES) throw new Error('--engine must be pg, sqlite or both');
const RATE = Number(option('rate', 200));
const SECONDS = Number(option('seconds', 120));
const WARMUP_SECONDS = Number(option('warmup', 30));
const POOL = Number(option('pool', 4));
const SEED = Number(option('seed', 1));
const SETTLE_SECONDS = Number(option('settle', 0));
const INGEST_TOKEN =
  process.env.PORTAL_KPI_INGEST_TOKEN || 'local-kpi-ingest-token';

/** `select count(*) as n …` with `?` placeholders, in one plugin's database. */
function countRows(engine, portal, pluginId, sql, params) {
  return countPluginRows(
    engine === 'sqlite'
      ? { engine, portal }
      : { engine, prefix: portal.postgresPrefix },
    pluginId,
    sql,
    params,
  );
}

async function storedRows(engine, portal, runId) {
  const like = `Load ${runId} #%`;
  return {
    requests: await countRows(
      engine,
      portal,
      'platform-requests',
      'select count(*) as n from requests where title like ?',
      [like],
    ),
    votes: await countRows(
      engine,
      portal,
      'platform-requests',
      'select count(*) as n from votes where request_id in (select id from requests where title like ?)',
      [like],
    ),
    events: await countRows(
      engine,
      portal,
      'platform-kpis',
      'select count(*) as n from kpi_deployments where id like ?',
      [`${runId}-dep-%`],
    ),
  };
}

async function benchmark(engine) {
  const portal = await startBenchBackend({
    engine,
    extraConfig:
      engine === 'postgres'
        ? {
            backend: {
              database: {
                knexConfig: {
                  pool: { min: 0, max: POOL, idleTimeoutMillis: 2_000 },
                },
              },
            },
          }
        : {},
  });
  try {
    const token = await guestToken(portal.baseUrl);
    await waitForDemoCatalog(portal.baseUrl, 120_000);
    const services = await catalogComponents(portal.baseUrl, token);
    // Optionally let the start-up work (catalog processing, first collector
    // and search runs) finish before the load begins.
    await sleep(SETTLE_SECONDS * 1000);
    const runId = `load${crypto.randomBytes(3).toString('hex')}`;
    console.error(
      `[${engine}] ${RATE}/s for ${SECONDS} s, ${
        services.length
      } services; load average ${os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ')}`,
    );
    const report = await runLoad({
      baseUrl: portal.baseUrl,
      userToken: token,
      ingestToken: INGEST_TOKEN,
      runId,
      services,
      pace: { ratePerSecond: RATE, durationMs: SECONDS * 1000 },
      seed: SEED,
      rssMiB: () => rssOfProcess(portal.child.pid),
    });
    const loadAfter = os.loadavg();
    const stored = await storedRows(engine, portal, runId);
    return {
      engine,
      machine: {
        cores: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverageAfter: loadAfter,
      },
      pool: engine === 'postgres' ? POOL : undefined,
      settleSeconds: SETTLE_SECONDS,
      at: new Date().toISOString(),
      report: {
        ...report,
        accepted: {
          requests: report.accepted.requests.length,
          votes: report.accepted.votes.length,
          events: report.accepted.events.length,
        },
      },
      stored,
      rss: rssSummary(report, WARMUP_SECONDS * 1000),
    };
  } finally {
    await portal.cleanup();
  }
}

function printTable(result) {
  const { report, stored, rss } = result;
  console.log(
    `\n${result.engine}: ${report.sent}/${report.scheduled} sent at ${report.achievedRate}/s (planned ${report.plannedRate}/s), ` +
      `5xx ${report.serverErrors}, other non-2xx ${report.otherNon2xx}, no answer ${report.networkErrors}, ` +
      `send lag p99 ${report.sendLagMs.p99} ms`,
  );
  console.log(
    '| kind | count | statuses | p50 ms | p95 ms | p99 ms | max ms |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const [kind, k] of Object.entries(report.kinds).sort()) {
    const statuses = Object.entries(k.byStatus)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    const l = k.latencyMs;
    console.log(
      `| ${kind} | ${k.count} | ${statuses} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.max} |`,
    );
  }
  console.log(
    `writes accepted / rows stored: requests ${report.accepted.requests}/${stored.requests}, ` +
      `votes ${report.accepted.votes}/${stored.votes}, events ${report.accepted.events}/${stored.events}`,
  );
  console.log(
    `RSS MiB: start ${rss.startMiB}, warm (${WARMUP_SECONDS} s) ${rss.warmMiB}, end ${rss.endMiB}, peak ${rss.peakMiB}`,
  );
  console.log(
    `per 10 s (ok/failed p50 p99 ms): ${report.timeline
      .map(t => `${t.fromS}s ${t.ok}/${t.failed} ${t.p50} ${t.p99}`)
      .join(' | ')}`,
  );
  if (report.failures.length) console.log('failures:', report.failures);
}

const resultsDir = path.join(repoRoot, 'bench/results');
fs.mkdirSync(resultsDir, { recursive: true });
for (const engine of ENGINES) {
  const result = await benchmark(engine);
  fs.writeFileSync(
    path.join(resultsDir, `load-${engine}.json`),
    JSON.stringify(result, null, 2),
  );
  printTable(result);
}
