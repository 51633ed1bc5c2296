/*
 * Seeding the platform-kpis plugin for a benchmark, shared by
 * bench/platform-kpis and bench/impact: a generated catalog (Groups of type
 * team, Components of type service owned by them) as the only catalog
 * location, the kpiBenchData events of @internal/demo-data sent through
 * POST /api/platform-kpis/events in batches with a few concurrent clients,
 * and on PostgreSQL the VACUUM ANALYZE autovacuum would run after a bulk
 * load. Also the one-client latency loop both report, and the command-line
 * options both take.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { postgresTarget } from '@internal/harness';
import { sleep } from '../foundation/measure.mjs';
import { option } from './cli.mjs';

export const INGEST_TOKEN =
  process.env.PORTAL_KPI_INGEST_TOKEN || 'local-kpi-ingest-token';

export const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * The data set's size and the run's shape from the command line: --engine
 * (pg or sqlite), --deployments, --incidents, --services, --teams, --samples,
 * --warmup, --batch, --concurrency. Each bench gives its own sample counts.
 */
export function kpiBenchOptions(defaults) {
  const engine = { pg: 'postgres', postgres: 'postgres', sqlite: 'sqlite' }[
    option('engine', 'pg')
  ];
  if (!engine) throw new Error('--engine must be pg or sqlite');
  const deployments = Number(
    option('deployments', engine === 'postgres' ? 1_000_000 : 100_000),
  );
  return {
    engine,
    deployments,
    incidents: Number(option('incidents', Math.round(deployments / 10))),
    services: Number(option('services', 500)),
    teams: Number(option('teams', 40)),
    samples: Number(option('samples', defaults.samples)),
    warmup: Number(option('warmup', defaults.warmup)),
    batch: Number(option('batch', 500)),
    concurrency: Number(option('concurrency', 4)),
  };
}

/** The data set in words, for the log and the summary line. */
export function kpiDatasetLabel({ deployments, incidents, services, teams }) {
  return `${deployments.toLocaleString(
    'en-US',
  )} deployments, ${incidents.toLocaleString(
    'en-US',
  )} incidents, ${services} services, ${teams} teams over 2 years`;
}

/** The catalog as the only location (the demo organisation is left out). */
export function catalogConfig(data, dir) {
  const file = path.join(dir, 'bench-catalog.yaml');
  // JSON documents are valid YAML.
  fs.writeFileSync(
    file,
    data
      .catalogEntities()
      .map(d => `---\n${JSON.stringify(d)}\n`)
      .join(''),
  );
  return {
    catalog: {
      locations: [
        {
          type: 'file',
          target: file,
          rules: [{ allow: ['Group', 'Component'] }],
        },
      ],
    },
  };
}

async function post(base, body) {
  const res = await fetch(`${base}/api/platform-kpis/events`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${INGEST_TOKEN}`,
      'Content-Type': 'application/json',
    },
    body,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

function tally(batch, res, counts) {
  const results = res.json?.results;
  if (
    res.status !== 200 ||
    !Array.isArray(results) ||
    results.length !== batch.count
  ) {
    const rejected = Array.isArray(results)
      ? results.filter(r => r.status === 'rejected').slice(0, 3)
      : [];
    throw new Error(
      `POST /events (${batch.type} ${batch.from}–${batch.to - 1}) answered ${
        res.status
      }: ${
        rejected.length ? JSON.stringify(rejected) : res.text.slice(0, 500)
      }`,
    );
  }
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
}

/**
 * The batches that first name each service, one at a time: the plugin reads
 * the catalog's components at most every few seconds and may have read them
 * before the catalog was complete, so "not a known service" is retried here
 * (and only here) for up to 90 s.
 */
export async function warmIngest(base, batches, counts, label) {
  for (const batch of batches) {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const res = await post(base, batch.body);
      const unknown =
        res.status === 400 &&
        res.json?.results?.some(r =>
          /not a known service/i.test(r.error ?? ''),
        );
      if (!unknown || Date.now() > deadline) {
        // A retried batch answers duplicate for what it stored the first time.
        tally(batch, res, counts);
        break;
      }
      console.error(
        `[${label}] warm-up batch: ${
          res.json.results.filter(r => r.status === 'rejected').length
        } events for services the plugin does not know yet; retrying in 6 s`,
      );
      await sleep(6000);
    }
  }
}

export async function timedIngest(base, batches, counts, label, concurrency) {
  let next = 0;
  const times = [];
  const started = performance.now();
  let lastNote = started;
  let events = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      const t0 = performance.now();
      const res = await post(base, batch.body);
      times.push(performance.now() - t0);
      tally(batch, res, counts);
      events += batch.count;
      if (performance.now() - lastNote > 30_000) {
        lastNote = performance.now();
        const secs = (lastNote - started) / 1000;
        console.error(
          `[${label}] ${events.toLocaleString(
            'en-US',
          )} events in ${secs.toFixed(0)} s (${(events / secs).toFixed(0)}/s)`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    events,
    batches: batches.length,
    seconds,
    eventsPerSecond: events / seconds,
    batchP50: percentile(times, 50),
    batchP95: percentile(times, 95),
  };
}

/**
 * Sends every batch: first those that name a service for the first time
 * (one at a time), then the rest with `concurrency` clients, timed.
 */
export async function ingestAll(
  base,
  bodies,
  { services, label, concurrency },
) {
  const counts = {};
  const warmCount = bodies.findIndex(
    b => b.type === 'deployment' && b.from >= services,
  );
  const warm = bodies.slice(0, warmCount < 0 ? bodies.length : warmCount);
  await warmIngest(base, warm, counts, label);
  const ingest = await timedIngest(
    base,
    bodies.slice(warm.length),
    counts,
    label,
    concurrency,
  );
  return { ingest, counts };
}

/**
 * What autovacuum does after a bulk load (PostgreSQL 13+ vacuums
 * insert-only tables too): fresh statistics, and a visibility map, without
 * which the covering indexes cannot be read index-only. (The PostgreSQL
 * here runs with autovacuum off, so the bench does it.) Returns seconds.
 */
export async function vacuumAnalyze(database) {
  const client = new pg.Client({ ...postgresTarget(), database });
  await client.connect();
  const started = performance.now();
  await client.query('VACUUM ANALYZE');
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return seconds;
}

/** One client, one request at a time, after a warm-up. */
export async function latency(
  title,
  makeUrl,
  headers,
  check,
  { warmup, samples },
) {
  const times = [];
  let last;
  for (let i = 0; i < warmup + samples; i++) {
    const url = makeUrl(i);
    const started = performance.now();
    const res = await fetch(url, { headers });
    const text = await res.text();
    const ms = performance.now() - started;
    if (!res.ok) {
      throw new Error(
        `${title}: GET ${url} answered ${res.status} ${text.slice(0, 500)}`,
      );
    }
    if (i >= warmup) times.push(ms);
    last = JSON.parse(text);
    check?.(last, i);
  }
  times.sort((a, b) => a - b);
  return {
    title,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    last,
  };
}

/** Until the catalog has every bench team and every service with its owner. */
export async function waitForCatalog(base, token, { services: want, teams }) {
  const started = Date.now();
  for (;;) {
    let services = 0;
    let cursor;
    do {
      const query = cursor
        ? `cursor=${encodeURIComponent(cursor)}`
        : 'filter=kind=component&limit=1000&fields=metadata.name,relations';
      const res = await fetch(
        `${base}/api/catalog/entities/by-query?${query}`,
        {
          headers: { Authorization: `Bearer ${token}` },
        },
      );
      const page = await res.json();
      services += page.items.filter(
        e =>
          e.metadata.name.startsWith('bench-svc-') &&
          e.relations?.some(r => r.type === 'ownedBy'),
      ).length;
      cursor = page.pageInfo?.nextCursor;
    } while (cursor);
    const groups = await (
      await fetch(
        `${base}/api/catalog/entities/by-query?filter=kind=group&limit=1`,
        {
          headers: { Authorization: `Bearer ${token}` },
        },
      )
    ).json();
    if (services === want && groups.totalItems >= teams) {
      return (Date.now() - started) / 1000;
    }
    if (Date.now() - started > 600_000) {
      throw new Error(
        `the catalog had ${services}/${want} services and ${groups.totalItems}/${teams} groups after 10 minutes`,
      );
    }
    await sleep(2000);
  }
}
