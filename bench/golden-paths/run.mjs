#!/usr/bin/env node
/*
 * Golden-path benchmark (not a test). On SQLite and on PostgreSQL, against the
 * real backend with the demo organisation:
 *   - sequential runs of the typescript-service template, each timed from the
 *     POST that creates the task to the component being readable from the
 *     catalog (and, separately, to the task's completion);
 *   - 20 runs started at once: all must complete and be in the catalog; the
 *     total time and the per-run figures are recorded.
 *
 * Run with the toolchain on PATH:
 *   eval "$(node scripts/portal.mjs env)"; node bench/golden-paths/run.mjs [--runs 10] [--only sqlite|postgres]
 * Results: bench/results/golden-paths.json and a Markdown table on stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { median, sleep } from '../foundation/measure.mjs';
import { guestToken, repoRoot } from '@internal/harness';
import { startBenchBackend } from '../lib/backend.mjs';
import { option } from '../lib/cli.mjs';

const RUNS = Number(option('runs') ?? 10);
const CONCURRENT = 20;
const engines = option('only') ? [option('only')] : ['sqlite', 'postgres'];

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
};

async function waitUntil(fn, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fn()) return;
    await sleep(50);
  }
  throw new Error(`${what} not within ${timeoutMs} ms`);
}

/** One template run; times to task completion and to the entity in the catalog. */
async function scaffold(baseUrl, token, name) {
  const headers = {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  };
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      templateRef: 'template:default/typescript-service',
      values: {
        name,
        description: 'Benchmark service (demo data).',
        owner: 'group:default/checkout-team',
        system: 'system:default/storefront',
        lifecycle: 'experimental',
        database: false,
        port: 8080,
      },
    }),
  });
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
  const { id } = await res.json();
  let taskMs;
  let status;
  let catalogMs;
  const timeoutMs = 300_000;
  // Poll both: the entity can be readable a moment before the task is marked done.
  await waitUntil(
    async () => {
      if (taskMs === undefined) {
        const task = await fetch(`${baseUrl}/api/scaffolder/v2/tasks/${id}`, {
          headers,
        }).then(r => r.json());
        if (['completed', 'failed', 'cancelled'].includes(task.status)) {
          status = task.status;
          taskMs = performance.now() - started;
          if (status !== 'completed') throw new Error(`task ${id} ${status}`);
        }
      }
      if (catalogMs === undefined) {
        const entity = await fetch(
          `${baseUrl}/api/catalog/entities/by-name/component/default/${name}`,
          { headers },
        );
        if (entity.ok) catalogMs = performance.now() - started;
      }
      return taskMs !== undefined && catalogMs !== undefined;
    },
    timeoutMs,
    `run ${name}`,
  );
  return { name, status, taskMs, catalogMs };
}

async function benchEngine(engine) {
  console.error(`[${engine}] starting the backend`);
  const portal = await startBenchBackend({ engine });
  try {
    const token = await guestToken(portal.baseUrl);
    await waitUntil(
      async () =>
        (
          await fetch(
            `${portal.baseUrl}/api/catalog/entities/by-name/template/default/typescript-service`,
            { headers: { Authorization: `Bearer ${token}` } },
          )
        ).ok &&
        (
          await fetch(
            `${portal.baseUrl}/api/catalog/entities/by-name/group/default/checkout-team`,
            { headers: { Authorization: `Bearer ${token}` } },
          )
        ).ok,
      120_000,
      'demo catalog',
    );
    // Let the first processing round of the demo organisation settle.
    await sleep(5000);
    await scaffold(portal.baseUrl, token, `warmup-${engine}`);

    const sequential = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await scaffold(portal.baseUrl, token, `seq-${engine}-${i}`);
      console.error(
        `[${engine}] run ${i + 1}/${RUNS}: task ${run.taskMs.toFixed(
          0,
        )} ms, in catalog ${run.catalogMs.toFixed(0)} ms`,
      );
      sequential.push(run);
    }

    console.error(`[${engine}] ${CONCURRENT} runs at once`);
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: CONCURRENT }, (_, i) =>
        scaffold(portal.baseUrl, token, `burst-${engine}-${i}`),
      ),
    );
    const totalMs = performance.now() - started;
    const done = results
      .filter(r => r.status === 'fulfilled')
      .map(r => r.value);
    const failures = results
      .filter(r => r.status === 'rejected')
      .map(r => String(r.reason));
    return {
      engine,
      sequential: {
        runs: RUNS,
        catalogP50: median(sequential.map(r => r.catalogMs)),
        catalogP90: percentile(
          sequential.map(r => r.catalogMs),
          90,
        ),
        catalogMax: Math.max(...sequential.map(r => r.catalogMs)),
        taskP50: median(sequential.map(r => r.taskMs)),
      },
      concurrent: {
        started: CONCURRENT,
        completed: done.length,
        failures,
        totalMs,
        catalogP50: done.length ? median(done.map(r => r.catalogMs)) : null,
        catalogMax: done.length
          ? Math.max(...done.map(r => r.catalogMs))
          : null,
      },
    };
  } finally {
    await portal.cleanup();
  }
}

const results = [];
for (const engine of engines) results.push(await benchEngine(engine));

fs.mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(repoRoot, 'bench/results/golden-paths.json'),
  JSON.stringify({ date: new Date().toISOString(), results }, null, 2),
);
const s = ms => (ms === null ? '–' : `${(ms / 1000).toFixed(2)} s`);
console.log(
  '| database | sequential runs | to catalog p50 | p90 | max | task done p50 | 20 at once: completed | total | to catalog p50 | max |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  console.log(
    `| ${r.engine} | ${r.sequential.runs} | ${s(r.sequential.catalogP50)} | ${s(
      r.sequential.catalogP90,
    )} | ${s(r.sequential.catalogMax)} | ${s(r.sequential.taskP50)} | ${
      r.concurrent.completed
    }/${r.concurrent.started} | ${s(r.concurrent.totalMs)} | ${s(
      r.concurrent.catalogP50,
    )} | ${s(r.concurrent.catalogMax)} |`,
  );
  for (const f of r.concurrent.failures) console.log(`  failure: ${f}`);
}
