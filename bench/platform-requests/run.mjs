#!/usr/bin/env node
/*
 * Platform-requests benchmark (not a test). Starts the real backend on a fresh
 * database, seeds requests (with votes and comments) through the public REST
 * API at 16 connections, then measures over HTTP on loopback:
 *   - first page of a filtered, sorted list     target p95 ≤ 25 ms
 *   - create                                    target p95 ≤ 20 ms, ≥ 500/s at 16 connections
 *   - full-text search                          target p95 ≤ 50 ms
 *   - similar-title suggestion                  target p95 ≤ 50 ms
 * Latencies come from one client issuing requests one after another (the
 * time a person waits); throughput from autocannon at 16 connections.
 *
 *   eval "$(node scripts/portal.mjs env)"
 *   node bench/platform-requests/run.mjs --engine postgres --count 100000
 *   node bench/platform-requests/run.mjs --engine sqlite --count 10000
 * (--keep-database leaves the PostgreSQL databases for EXPLAIN; drop them after.)
 * Results: bench/results/platform-requests-<engine>.json and a table on stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { sleep } from '../foundation/measure.mjs';
import { guestToken, postgresTarget, repoRoot } from '@internal/harness';
import { startBenchBackend } from '../lib/backend.mjs';
import { option, flag } from '../lib/cli.mjs';
import { requireWorkspace } from '../lib/workspace.mjs';

const { BENCH_REQUEST_TEAMS, benchRequestText } = requireWorkspace(
  '@internal/demo-data',
);
const { DEFAULT_CATEGORIES } = requireWorkspace(
  '@internal/plugin-platform-requests-common',
);

const ENGINE = option('engine', 'postgres');
const COUNT = Number(option('count', ENGINE === 'postgres' ? 100_000 : 10_000));
const SAMPLES = Number(option('samples', 300));
const CONNECTIONS = 16;

// The text (seeded, so runs are comparable) is @internal/demo-data's.
const text = benchRequestText(42);
const requestBody = text.request;
const CATEGORIES = DEFAULT_CATEGORIES.map(c => c.id);
const TEAMS = BENCH_REQUEST_TEAMS;

/** autocannon with a fresh request from `next(i)` each time; fails on any non-2xx. */
async function load({ baseUrl, headers, amount, duration, next, title }) {
  let i = 0;
  const failures = [];
  const result = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    ...(amount ? { amount } : { duration }),
    requests: [
      {
        setupRequest: req => {
          const r = next(i++);
          return {
            ...req,
            ...r,
            headers: { ...req.headers, ...headers, ...r.headers },
          };
        },
        onResponse: (status, body) => {
          if (status >= 300 && failures.length < 3) {
            failures.push(`${status} ${String(body).slice(0, 300)}`);
          }
        },
      },
    ],
  });
  if (result.non2xx || result.errors) {
    throw new Error(
      `${title}: ${result.non2xx} non-2xx, ${
        result.errors
      } errors ${JSON.stringify(result.statusCodeStats)} ${failures.join(
        ' | ',
      )}`,
    );
  }
  return result;
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** One client, one request at a time: what a person waits for. */
async function latency(title, makeRequest) {
  const times = [];
  for (let i = 0; i < SAMPLES; i++) {
    const { url, init } = makeRequest(i);
    const started = performance.now();
    const res = await fetch(url, init);
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (!res.ok) throw new Error(`${title}: ${res.status} for ${url}`);
  }
  times.sort((a, b) => a - b);
  return {
    title,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
  };
}

const api = '/api/platform-requests';
const portal = await startBenchBackend({
  engine: ENGINE,
  keepDatabase: flag('keep-database'),
});
try {
  const token = await guestToken(portal.baseUrl);
  const auth = { Authorization: `Bearer ${token}` };
  const json = { ...auth, 'Content-Type': 'application/json' };
  const base = portal.baseUrl;

  // Requests name their team; wait until the catalog has the demo groups,
  // then let its first processing rounds settle.
  for (let tries = 0; ; tries++) {
    const res = await fetch(
      `${base}/api/catalog/entities/by-query?filter=kind=group&limit=50`,
      { headers: auth },
    );
    const { items } = await res.json();
    if (TEAMS.every(t => items.some(g => g.metadata.name === t))) break;
    if (tries > 240)
      throw new Error('the demo groups never reached the catalog');
    await sleep(500);
  }
  await sleep(5000);

  console.error(
    `[${ENGINE}] seeding ${COUNT} requests through POST ${api}/requests`,
  );
  const seedStarted = performance.now();
  await load({
    baseUrl: base,
    headers: json,
    amount: COUNT,
    title: 'seed requests',
    next: () => ({
      method: 'POST',
      path: `${api}/requests`,
      body: JSON.stringify(requestBody()),
    }),
  });
  const comments = Math.floor(COUNT / 3);
  await load({
    baseUrl: base,
    headers: json,
    amount: comments,
    title: 'seed comments',
    next: i => ({
      method: 'POST',
      path: `${api}/requests/REQ-${1 + ((i * 3) % COUNT)}/comments`,
      body: JSON.stringify({
        body: text.comment(),
      }),
    }),
  });
  const votes = Math.floor(COUNT / 4);
  await load({
    baseUrl: base,
    headers: json,
    amount: votes,
    title: 'seed votes',
    next: i => ({
      method: 'POST',
      path: `${api}/requests/REQ-${1 + i * 4}/votes`,
    }),
  });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  if (ENGINE === 'postgres') {
    // Fresh statistics, as autovacuum would gather after a bulk load; stale
    // ones made the planner scan by status instead of the priority index.
    const client = new pg.Client({
      ...postgresTarget(),
      database: portal.pluginDatabase('platform-requests'),
    });
    await client.connect();
    await client.query('ANALYZE');
    await client.end();
  }
  console.error(`[${ENGINE}] seeded in ${seedSeconds.toFixed(0)} s; measuring`);
  await sleep(2000);

  const results = [];
  const statuses = ['new', 'new,triaged', 'triaged,planned,in_progress'];
  const sorts = ['-priority', '-created', '-votes', '-updated'];
  results.push(
    await latency('list: first page, filtered and sorted', i => ({
      url: `${base}${api}/requests?status=${statuses[i % 3]}&category=${
        CATEGORIES[i % 6]
      }&sort=${sorts[i % 4]}&limit=25`,
      init: { headers: auth },
    })),
  );
  results.push(
    await latency('create', () => ({
      url: `${base}${api}/requests`,
      init: {
        method: 'POST',
        headers: json,
        body: JSON.stringify(requestBody()),
      },
    })),
  );
  results.push(
    await latency('full-text search (q)', () => ({
      url: `${base}${api}/requests?q=${encodeURIComponent(
        text.search(),
      )}&limit=25`,
      init: { headers: auth },
    })),
  );
  results.push(
    await latency('similar-title suggestion', () => ({
      url: `${base}${api}/suggestions?title=${encodeURIComponent(
        text.similarTitle(),
      )}`,
      init: { headers: auth },
    })),
  );

  console.error(
    `[${ENGINE}] create throughput at ${CONNECTIONS} connections, 15 s`,
  );
  const burst = await load({
    baseUrl: base,
    headers: json,
    duration: 15,
    title: 'create throughput',
    next: () => ({
      method: 'POST',
      path: `${api}/requests`,
      body: JSON.stringify(requestBody()),
    }),
  });
  const throughput = {
    requestsPerSecond: burst.requests.average,
    latencyP50: burst.latency.p50,
    latencyP97_5: burst.latency.p97_5,
    total: burst.requests.total,
  };

  const summary = {
    date: new Date().toISOString(),
    engine: ENGINE,
    seeded: { requests: COUNT, comments, votes, seconds: seedSeconds },
    latency: results,
    createThroughput: throughput,
  };
  fs.mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
  fs.writeFileSync(
    path.join(repoRoot, `bench/results/platform-requests-${ENGINE}.json`),
    JSON.stringify(summary, null, 2),
  );
  const ms = v => `${v.toFixed(1)} ms`;
  console.log(
    `${ENGINE}, ${COUNT} requests, ${comments} comments, ${votes} votes (seeded in ${seedSeconds.toFixed(
      0,
    )} s)`,
  );
  console.log('| measure | p50 | p95 | p99 |');
  console.log('| --- | --- | --- | --- |');
  for (const r of results)
    console.log(`| ${r.title} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} |`);
  console.log(
    `create throughput at ${CONNECTIONS} connections: ${throughput.requestsPerSecond.toFixed(
      0,
    )}/s (p50 ${throughput.latencyP50} ms, p97.5 ${
      throughput.latencyP97_5
    } ms)`,
  );
} finally {
  await portal.cleanup();
}
