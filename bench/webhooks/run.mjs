#!/usr/bin/env node
/*
 * Signed-webhook benchmark (not a test). The real backend with
 * app-config.production.yaml on PostgreSQL, GitHub and PagerDuty webhook
 * secrets set, and N Components (default 20) that claim a repository
 * (github.com/project-slug: bench/svc-NN) and a PagerDuty service
 * (pagerduty.com/service-id). Once the catalog has them, an **open-loop**
 * load of signed deliveries at a fixed rate (default 1,000/s for 60 s, after
 * a 10 s warm-up at the same rate) on loopback; each goes out when it is
 * due, whether or not earlier ones were answered, and its latency counts
 * from that moment. The mix (fixed seed; @internal/demo-data's
 * createWebhookMix), built from GitHub's documented payloads
 * (@octokit/webhooks-examples) and PagerDuty's (transcribed in
 * packages/demo-data/src/webhooks/pagerduty), each delivery with its own id
 * and objects:
 *   40 %  GitHub deployment_status: a successful production deployment
 *   30 %  GitHub push to the default branch, 1 to 3 commits
 *   15 %  PagerDuty incident.triggered
 *   10 %  PagerDuty incident.resolved of an incident triggered earlier
 *    5 %  a redelivery of an earlier delivery, byte for byte (same id)
 * Recorded: latency p50/p95/p99/max (steady part and warm-up apart), the
 * answers by status; then, in the plugin's database, that every accepted
 * delivery is stored exactly once: one delivery row each, every event it
 * carried present once (deployments, commits, incidents, resolutions), no
 * event of a delivery that was not accepted, and no redelivery stored
 * again. Target: p95 ≤ 50 ms.
 *
 *   eval "$(node scripts/portal.mjs env)"
 *   node bench/webhooks/run.mjs [--rate 1000] [--seconds 60] [--warmup 10]
 *     [--services 20] [--seed 1] [--claim-cache 30]
 * Results: bench/results/webhooks.json and a table on stdout. It needs the
 * webhook routes (POST /api/platform-kpis/webhooks/:source).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { rssMiB, sleep } from '../foundation/measure.mjs';
import {
  newPostgresPrefix,
  postgresTarget,
  repoRoot,
  staticTokenConfig,
} from '@internal/harness';
import { option } from '../lib/cli.mjs';
import {
  benchCatalog,
  startBenchProductionPortal,
} from '../lib/productionPortal.mjs';
import { requireWorkspace } from '../lib/workspace.mjs';

const { createWebhookMix, webhookBenchService } = requireWorkspace(
  '@internal/demo-data',
);

const RATE = Number(option('rate', 1000));
const SECONDS = Number(option('seconds', 60));
const WARMUP_SECONDS = Number(option('warmup', 10));
const SERVICES = Number(option('services', 20));
const SEED = Number(option('seed', 1));
// platformKpis.webhooks.claimCacheSeconds; 0 asks the catalog per delivery.
const CLAIM_CACHE = option('claim-cache', undefined);
const TARGET_P95_MS = 50;
const TIMEOUT_MS = 30_000;
const TOKEN = 'webhooks-bench-token-0123456789';
const GITHUB_SECRET = crypto.randomBytes(32).toString('hex');
const PAGERDUTY_SECRET = crypto.randomBytes(32).toString('hex');

// ---------------------------------------------------------------- payloads

// The mix (seeded: the same --seed, the same deliveries) is
// @internal/demo-data's (packages/demo-data/src/webhooks/benchMix.ts).
const runTag = crypto.randomBytes(3).toString('hex');
const mix = createWebhookMix({
  seed: SEED,
  services: SERVICES,
  secrets: { github: GITHUB_SECRET, pagerduty: PAGERDUTY_SECRET },
  runTag,
});

// ---------------------------------------------------------------- the load

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function post(baseUrl, delivery) {
  const url = new URL(
    `/api/platform-kpis/webhooks/${delivery.source}`,
    baseUrl,
  );
  return new Promise(resolve => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          ...delivery.headers,
        },
        timeout: TIMEOUT_MS,
      },
      res => {
        const chunks = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          let answer;
          try {
            answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            answer = undefined;
          }
          resolve({ status: res.statusCode, answer });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', error => resolve({ status: 0, error: String(error) }));
    req.end(delivery.body);
  });
}

async function runLoad(baseUrl, durationMs) {
  const records = [];
  const inFlight = [];
  const start = performance.now();
  const total = Math.round((RATE * durationMs) / 1000);
  let lagMax = 0;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    lagMax = Math.max(lagMax, performance.now() - due);
    const delivery = mix.next(Date.now());
    const record = {
      source: delivery.source,
      kind: delivery.kind,
      deliveryId: delivery.deliveryId,
      expect: delivery.expect,
      dueAt: due - start,
    };
    records.push(record);
    inFlight.push(
      post(baseUrl, delivery).then(result => {
        record.latencyMs = performance.now() - due;
        record.status = result.status;
        record.answer = result.answer?.status;
        if (result.error) record.error = result.error;
        if (record.answer === 'accepted') mix.accepted(delivery);
      }),
    );
  }
  await Promise.all(inFlight);
  return { records, sendLagMaxMs: Math.round(lagMax) };
}

// ---------------------------------------------------------------- checks

const percentile = (sorted, p) =>
  sorted.length === 0
    ? null
    : sorted[
        Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
      ];
const round = x => (x === null ? null : Math.round(x * 10) / 10);

function latency(records) {
  const sorted = records.map(r => r.latencyMs).sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? null),
  };
}

function countBy(records, key) {
  const out = {};
  for (const r of records) out[key(r)] = (out[key(r)] ?? 0) + 1;
  return out;
}

/** Each stored id once, with the component suffix (`<id>@<ref>`) cut off. */
async function storedEvents(database) {
  const client = new pg.Client({ ...postgresTarget(), database });
  await client.connect();
  try {
    const ids = async (table, where = 'true') =>
      (await client.query(`select id from ${table} where ${where}`)).rows.map(
        r => r.id.replace(/@component:.*$/, ''),
      );
    return {
      deployments: await ids('kpi_deployments'),
      changes: await ids('kpi_changes'),
      incidents: await ids('kpi_incidents'),
      resolved: await ids('kpi_incidents', 'resolved_at is not null'),
      deliveries: (
        await client.query(
          'select source, delivery_id, outcome from kpi_webhook_deliveries',
        )
      ).rows,
    };
  } finally {
    await client.end();
  }
}

/**
 * Every accepted delivery's events present exactly once; none from a
 * delivery that was refused; one delivery row per accepted delivery. A
 * delivery whose answer never came (the client gave up after 30 s) may or
 * may not have been stored: its events are counted apart, not as extras.
 */
function verify(records, stored) {
  const fresh = records.filter(r => r.kind !== 'redelivery');
  const accepted = fresh.filter(r => r.answer === 'accepted');
  const unanswered = fresh.filter(r => r.status === 0);
  const problems = [];
  const check = (what, key, storedIds) => {
    const counts = new Map();
    for (const id of storedIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    const expected = new Set(key(accepted));
    const maybe = new Set(key(unanswered));
    const missing = [...expected].filter(id => !counts.has(id));
    const duplicated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    const extra = [...counts.keys()].filter(
      id => !expected.has(id) && !maybe.has(id),
    );
    if (missing.length || duplicated.length || extra.length) {
      problems.push({
        what,
        missing: missing.slice(0, 5),
        missingCount: missing.length,
        duplicated: duplicated.slice(0, 5),
        duplicatedCount: duplicated.length,
        extra: extra.slice(0, 5),
        extraCount: extra.length,
      });
    }
    return {
      expected: expected.size,
      stored: storedIds.length,
      storedWithoutAnswer: [...maybe].filter(id => counts.has(id)).length,
    };
  };
  const events = name => rs => rs.flatMap(r => r.expect[name] ?? []);
  const deliveryRows = stored.deliveries
    .filter(d => d.outcome === 'accepted')
    .map(d => `${d.source}:${d.delivery_id}`);
  return {
    acceptedDeliveries: accepted.length,
    unansweredDeliveries: unanswered.length,
    deliveries: check(
      'delivery rows',
      rs => rs.map(r => `${r.source}:${r.deliveryId}`),
      deliveryRows,
    ),
    deployments: check(
      'deployments',
      events('deployments'),
      stored.deployments,
    ),
    changes: check('changes', events('changes'), stored.changes),
    incidents: check('incidents', events('incidents'), stored.incidents),
    resolved: check('resolutions', events('resolved'), stored.resolved),
    problems,
  };
}

/** Until the delivery rows stop changing: work the client gave up on ends. */
async function settled(database) {
  const client = new pg.Client({ ...postgresTarget(), database });
  await client.connect();
  try {
    let last = -1;
    for (let stable = 0; stable < 3; ) {
      const { rows } = await client.query(
        'select count(*) as n from kpi_webhook_deliveries',
      );
      const n = Number(rows[0].n);
      stable = n === last ? stable + 1 : 0;
      last = n;
      await sleep(1000);
    }
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- main

const componentsFile = path.join(
  os.tmpdir(),
  `lodestar-webhooks-bench-${runTag}.yaml`,
);
fs.writeFileSync(
  componentsFile,
  Array.from({ length: SERVICES }, (_, i) => {
    const svc = webhookBenchService(i);
    return [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      `  name: ${svc.name}`,
      '  description: Webhook benchmark service (TEST DATA).',
      '  annotations:',
      `    github.com/project-slug: ${svc.repo}`,
      `    pagerduty.com/service-id: ${svc.pagerduty}`,
      'spec:',
      '  type: service',
      '  lifecycle: production',
      '  owner: group:default/platform-team',
      '',
    ].join('\n');
  }).join('---\n'),
);

const prefix = newPostgresPrefix();
const started = performance.now();
const portal = await startBenchProductionPortal({
  postgresPrefix: prefix,
  config: {
    ...staticTokenConfig(TOKEN, 'bench'),
    catalog: {
      locations: [
        {
          type: 'file',
          target: componentsFile,
          rules: [{ allow: ['Component'] }],
        },
      ],
    },
    platformKpis: {
      webhooks: {
        ...(CLAIM_CACHE === undefined
          ? {}
          : { claimCacheSeconds: Number(CLAIM_CACHE) }),
        github: { secret: GITHUB_SECRET },
        pagerduty: { secret: PAGERDUTY_SECRET },
      },
    },
  },
});
const readyMs = performance.now() - started;

let result;
try {
  const catalog = benchCatalog(portal, TOKEN);
  for (let tries = 0; (await catalog.total('component')) < SERVICES; tries++) {
    if (tries > 240)
      throw new Error('the components did not reach the catalog');
    await sleep(500);
  }
  const loadBefore = os.loadavg();
  console.error(
    `${RATE}/s: ${WARMUP_SECONDS} s warm-up, then ${SECONDS} s measured; ${SERVICES} services; load average ${loadBefore
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );
  let peakRss = 0;
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, rssMiB(portal.child.pid) ?? 0);
  }, 1000);
  const warm = await runLoad(portal.baseUrl, WARMUP_SECONDS * 1000);
  const measured = await runLoad(portal.baseUrl, SECONDS * 1000);
  clearInterval(rssTimer);
  const records = [...warm.records, ...measured.records];
  await settled(`${prefix}platform-kpis`);
  const stored = await storedEvents(`${prefix}platform-kpis`);
  const checked = verify(records, stored);
  const failures = records.filter(
    r => r.status < 200 || r.status >= 300 || !r.answer,
  );
  result = {
    date: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg(),
    },
    rate: RATE,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    services: SERVICES,
    backendReadyMs: Math.round(readyMs),
    peakRssMiB: Math.round(peakRss),
    sendLagMaxMs: measured.sendLagMaxMs,
    measured: {
      latencyMs: latency(measured.records),
      byKind: Object.fromEntries(
        Object.keys(countBy(measured.records, r => r.kind)).map(kind => [
          kind,
          latency(measured.records.filter(r => r.kind === kind)),
        ]),
      ),
      answers: countBy(measured.records, r => `${r.status} ${r.answer}`),
      achievedRate: round(
        measured.records.length /
          (Math.max(...measured.records.map(r => r.dueAt)) / 1000 || 1),
      ),
    },
    warmup: {
      latencyMs: latency(warm.records),
      answers: countBy(warm.records, r => `${r.status} ${r.answer}`),
    },
    failures: failures.slice(0, 20).map(f => ({
      kind: f.kind,
      status: f.status,
      answer: f.answer,
      error: f.error,
    })),
    failureCount: failures.length,
    stored: checked,
  };
} finally {
  await portal.stop();
  fs.rmSync(componentsFile, { force: true });
}

fs.mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(repoRoot, 'bench/results/webhooks.json'),
  JSON.stringify(result, null, 2),
);
const m = result.measured;
const s = result.stored;
console.log(`
${RATE}/s for ${SECONDS} s (after ${WARMUP_SECONDS} s warm-up), ${SERVICES} services, PostgreSQL, claim cache ${
  CLAIM_CACHE ?? 'default (30)'
} s

| measure | value |
| --- | --- |
| latency p50 / p95 / p99 / max (target p95 ≤ ${TARGET_P95_MS} ms) | ${
  m.latencyMs.p50
} / **${m.latencyMs.p95}** / ${m.latencyMs.p99} / ${m.latencyMs.max} ms${
  m.latencyMs.p95 > TARGET_P95_MS ? ' (missed)' : ' (met)'
} |
| deliveries sent / achieved rate | ${m.latencyMs.count} / ${
  m.achievedRate
} per s |
| answers | ${Object.entries(m.answers)
  .map(([k, n]) => `${k} ×${n}`)
  .join(', ')} |
| accepted deliveries (warm-up included) / delivery rows | ${
  s.acceptedDeliveries
} / ${s.deliveries.stored} |
| deployments expected / stored | ${s.deployments.expected} / ${
  s.deployments.stored
} |
| changes expected / stored | ${s.changes.expected} / ${s.changes.stored} |
| incidents expected / stored (resolved) | ${s.incidents.expected} / ${
  s.incidents.stored
} (${s.resolved.expected} / ${s.resolved.stored}) |
| stored exactly once | ${
  s.problems.length === 0 ? 'yes' : `**no**: ${JSON.stringify(s.problems)}`
} |
| failures (non-2xx, no answer) | ${result.failureCount} |
| warm-up p50 / p95 / p99 | ${result.warmup.latencyMs.p50} / ${
  result.warmup.latencyMs.p95
} / ${result.warmup.latencyMs.p99} ms |
| peak RSS, backend ready after | ${result.peakRssMiB} MiB, ${(
  result.backendReadyMs / 1000
).toFixed(1)} s |

per kind p50 / p95 / p99 ms: ${Object.entries(m.byKind)
  .map(([k, l]) => `${k} ${l.p50} / ${l.p95} / ${l.p99} (${l.count})`)
  .join('; ')}
`);
if (s.problems.length || result.failureCount) process.exitCode = 1;
