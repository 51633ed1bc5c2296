#!/usr/bin/env node
/*
 * Impact benchmark (not a test): GET /api/platform-kpis/impact — the effect
 * of a shipped improvement on its KPIs — over a large event history.
 * Seeds as bench/platform-kpis does (bench/lib/kpiSeed.mjs): the real
 * backend on an empty database, a generated catalog (--teams teams, --services
 * services), two years of kpiBenchData deployments and incidents through
 * the public ingest API, VACUUM ANALYZE on PostgreSQL. Then, one client, one
 * request at a time after a warm-up, for each window (30, 60, 90 days) and
 * each KPI: an improvement scoped to one team (round the teams) shipped 100
 * days before the data's end, so every after window is complete; and all
 * six KPIs in one request, and lead time for everyone (no rest, the most
 * rows brought to Node for the test). Target: p95 ≤ 200 ms on PostgreSQL
 * with 1,000,000 deployments. Template runs and hours lost have no rows in
 * this data set (no scaffolder, no requests): their figures are the cost of
 * an empty answer.
 *
 *   eval "$(node scripts/portal.mjs env)"
 *   node bench/impact/run.mjs --engine pg --deployments 1000000 --incidents 100000
 *   node bench/impact/run.mjs --engine sqlite --deployments 20000 --samples 20
 * Options: --services 500 --teams 40 --samples 100 --warmup 5 --batch 500
 * --concurrency 4 --keep-database.
 * Results: bench/results/impact-<engine>.json and a table on stdout.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { guestToken, repoRoot } from '@internal/harness';
import { sleep } from '../foundation/measure.mjs';
import { startBenchBackend } from '../lib/backend.mjs';
import { flag } from '../lib/cli.mjs';
import {
  catalogConfig,
  ingestAll,
  kpiBenchOptions,
  kpiDatasetLabel,
  latency,
  vacuumAnalyze,
  waitForCatalog,
} from '../lib/kpiSeed.mjs';
import { requireWorkspace } from '../lib/workspace.mjs';

const { kpiBenchData } = requireWorkspace('@internal/demo-data');

const bench = kpiBenchOptions({ samples: 100, warmup: 5 });

const DAY = 24 * 3_600_000;
const NOW = Date.now();
const SHIPPED_AT = new Date(NOW - 100 * DAY).toISOString();
const KPIS = [
  'leadTime',
  'deploymentFrequency',
  'changeFailureRate',
  'timeToRestore',
  'templateRuns',
  'hoursLost',
];
const WINDOWS = [30, 60, 90];

const data = kpiBenchData({
  deployments: bench.deployments,
  incidents: bench.incidents,
  services: bench.services,
  teams: bench.teams,
  now: NOW,
});
const dataset = kpiDatasetLabel(bench);
console.error(`[${bench.engine}] generating ${dataset}`);
const bodies = data.batches(bench.batch).map(batch => {
  const events = data.eventsOf(batch);
  return {
    ...batch,
    count: events.length,
    body: Buffer.from(JSON.stringify({ events })),
  };
});

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
  cwd: repoRoot,
  encoding: 'utf8',
}).trim();

const portal = await startBenchBackend({
  engine: bench.engine,
  keepDatabase: flag('keep-database'),
  extraConfig: dir => catalogConfig(data, dir),
});
try {
  const base = portal.baseUrl;
  const token = await guestToken(base);
  const auth = { Authorization: `Bearer ${token}` };
  await waitForCatalog(base, token, {
    services: bench.services,
    teams: bench.teams,
  });
  console.error(`[${bench.engine}] catalog complete; ingesting`);
  const { ingest, counts } = await ingestAll(base, bodies, {
    services: bench.services,
    label: bench.engine,
    concurrency: bench.concurrency,
  });
  console.error(
    `[${bench.engine}] ingested ${
      ingest.events
    } events in ${ingest.seconds.toFixed(0)} s ${JSON.stringify(counts)}`,
  );
  const vacuumSeconds =
    bench.engine === 'postgres'
      ? await vacuumAnalyze(portal.pluginDatabase('platform-kpis'))
      : null;
  await sleep(2000);

  const impact = `${base}/api/platform-kpis/impact?shippedAt=${SHIPPED_AT}`;
  const team = i => `team=group:default/${data.teamName(i % bench.teams)}`;
  const measured = (kpis, scoped) => (body, i) => {
    if (body.kpis.length !== kpis.length) {
      throw new Error(`sample ${i}: ${body.kpis.length} KPIs answered`);
    }
    if (!body.afterWindowComplete) {
      throw new Error(`sample ${i}: the after window is not complete`);
    }
    const lead = body.kpis.find(k => k.kpi === 'leadTime');
    if (lead && (lead.scope.before.n === 0 || (scoped && !lead.rest))) {
      throw new Error(`sample ${i}: no lead times: ${JSON.stringify(lead)}`);
    }
  };
  const options = { warmup: bench.warmup, samples: bench.samples };
  const loadBefore = os.loadavg();
  const reads = [];
  for (const days of WINDOWS) {
    for (const kpi of KPIS) {
      const r = await latency(
        `${kpi}, one team, ${days} days`,
        i => `${impact}&windowDays=${days}&kpi=${kpi}&${team(i)}`,
        auth,
        measured([kpi], true),
        options,
      );
      reads.push({ ...r, kpi, days, scope: 'team' });
      console.error(
        `[${bench.engine}] ${r.title}: p50 ${r.p50.toFixed(
          1,
        )} ms, p95 ${r.p95.toFixed(1)} ms`,
      );
    }
    const all = await latency(
      `all six KPIs, one team, ${days} days`,
      i =>
        `${impact}&windowDays=${days}&${KPIS.map(k => `kpi=${k}`).join(
          '&',
        )}&${team(i)}`,
      auth,
      measured(KPIS, true),
      options,
    );
    reads.push({ ...all, kpi: 'all', days, scope: 'team' });
    const everyone = await latency(
      `leadTime, everyone, ${days} days`,
      () => `${impact}&windowDays=${days}&kpi=leadTime`,
      auth,
      measured(['leadTime'], false),
      options,
    );
    reads.push({ ...everyone, kpi: 'leadTime', days, scope: 'everyone' });
    console.error(
      `[${bench.engine}] ${days} days: all six p95 ${all.p95.toFixed(
        1,
      )} ms, everyone p95 ${everyone.p95.toFixed(1)} ms`,
    );
  }
  const loadAfter = os.loadavg();
  const example = reads.find(r => r.kpi === 'all' && r.days === 90)?.last;

  const summary = {
    date: new Date().toISOString(),
    commit,
    engine: bench.engine,
    dataset: {
      deployments: bench.deployments,
      incidents: bench.incidents,
      services: bench.services,
      teams: bench.teams,
    },
    shippedAt: SHIPPED_AT,
    vacuumSeconds,
    ingest: { ...ingest, statuses: counts },
    reads: reads.map(({ last, ...r }) => r),
    example,
    loadAverage: { beforeReads: loadBefore, afterReads: loadAfter },
  };
  fs.mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
  fs.writeFileSync(
    path.join(repoRoot, `bench/results/impact-${bench.engine}.json`),
    JSON.stringify(summary, null, 2),
  );

  const ms = v => v.toFixed(1);
  console.log(`${bench.engine}, ${dataset}; commit ${commit}, ${summary.date}`);
  console.log(
    '| KPI, scope | 30 d p50 / p95 | 60 d p50 / p95 | 90 d p50 / p95 |',
  );
  console.log('| --- | --- | --- | --- |');
  const rows = [
    ...KPIS.map(k => [k, 'team']),
    ['all', 'team'],
    ['leadTime', 'everyone'],
  ];
  for (const [kpi, scope] of rows) {
    const cells = WINDOWS.map(days => {
      const r = reads.find(
        x => x.kpi === kpi && x.days === days && x.scope === scope,
      );
      return `${ms(r.p50)} / ${ms(r.p95)} ms`;
    });
    console.log(
      `| ${kpi === 'all' ? 'all six' : kpi}, ${
        scope === 'team' ? 'one team' : 'everyone'
      } | ${cells.join(' | ')} |`,
    );
  }
  const worst = Math.max(...reads.map(r => r.p95));
  console.log(
    `worst p95 ${ms(worst)} ms (target ≤ 200 ms: ${
      worst <= 200 ? 'met' : 'NOT met'
    }); load average (1/5/15 min) before ${loadBefore
      .map(x => x.toFixed(2))
      .join(' / ')}, after ${loadAfter.map(x => x.toFixed(2)).join(' / ')}`,
  );
} finally {
  await portal.cleanup();
}
