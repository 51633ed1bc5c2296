#!/usr/bin/env node
/*
 * Pulse-survey benchmark (not a test): the results of a round over 10,000
 * responses. Starts the real backend on an empty database with the demo
 * organisation plus a generated one (TEAMS teams, PEOPLE people, each a
 * catalog User in one team), signs every person in for real through the
 * demo OpenID provider, and has each answer a quarterly six-question survey
 * through PUT /api/platform-surveys/…/response — round 2 by everyone, round
 * 1 by PREVIOUS of them — with the demo backdating header (the embedded
 * default's `lodestar.demo.backdating`) putting both rounds in the past, so
 * both are closed. Then, as Priya Nair of the platform team, after a
 * warm-up, the p50/p95/p99 of:
 *   - results, everyone                     target p95 ≤ 100 ms
 *   - results, one team (round the teams)   target p95 ≤ 100 ms
 *   - CSV export, everyone                  target p95 ≤ 100 ms
 *   - trend across rounds                   target p95 ≤ 100 ms
 *   - scores of one question (the KPI)      target p95 ≤ 100 ms
 * each with one client and with CLIENTS clients at once.
 *
 *   eval "$(node scripts/portal.mjs env)"
 *   node bench/surveys/run.mjs --engine postgres
 *   node bench/surveys/run.mjs --engine sqlite
 * Options: --people 10000 --previous 5000 --teams 40 --samples 100
 * --warmup 10 --clients 4 --concurrency 16 --keep-database.
 * Results: bench/results/surveys-<engine>.json and a table on stdout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, repoRoot, startDemoOidc } from '@internal/harness';
import { sleep } from '../foundation/measure.mjs';
import { startBenchBackend } from '../lib/backend.mjs';
import { flag, option } from '../lib/cli.mjs';
import { percentile, vacuumAnalyze } from '../lib/kpiSeed.mjs';
import { requireWorkspace } from '../lib/workspace.mjs';

const { oidcSignIn } = requireWorkspace('@internal/testing');

const ENGINE = { pg: 'postgres', postgres: 'postgres', sqlite: 'sqlite' }[
  option('engine', 'postgres')
];
if (!ENGINE) throw new Error('--engine must be postgres or sqlite');
const PEOPLE = Number(option('people', 10_000));
const PREVIOUS = Math.min(PEOPLE, Number(option('previous', 5_000)));
const TEAMS = Number(option('teams', 40));
const SAMPLES = Number(option('samples', 100));
const WARMUP = Number(option('warmup', 10));
const CLIENTS = Number(option('clients', 4));
const CONCURRENCY = Number(option('concurrency', 16));

const DAY = 86_400_000;
const NOW = Date.now();
// Round 1 opened 200 days ago, round 2 a quarter later; each open 14 days.
const OPENS = new Date(NOW - 200 * DAY);
const teamRef = i => `group:default/bench-team-${i % TEAMS}`;
const personId = i => `bench.person${i}`;

/** The generated organisation: teams, and people spread round them. */
function organisation(dir) {
  const docs = [];
  for (let t = 0; t < TEAMS; t++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `bench-team-${t}` },
      spec: {
        type: 'team',
        profile: { displayName: `Bench Team ${t}` },
        children: [],
      },
    });
  }
  for (let i = 0; i < PEOPLE; i++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: personId(i) },
      spec: {
        profile: {
          displayName: `Bench Person ${i}`,
          email: `${personId(i)}@bench.example`,
        },
        memberOf: [`bench-team-${i % TEAMS}`],
      },
    });
  }
  const file = path.join(dir, 'bench-people.yaml');
  // JSON documents are valid YAML.
  fs.writeFileSync(file, docs.map(d => `---\n${JSON.stringify(d)}\n`).join(''));
  const rules = [{ allow: ['Group', 'User'] }];
  return {
    catalog: {
      // The demo organisation (for the platform team) and the generated one.
      locations: [
        {
          type: 'file',
          target: path.join(repoRoot, 'catalog/org.yaml'),
          rules,
        },
        { type: 'file', target: file, rules },
      ],
    },
  };
}

/** Runs `task(i)` for 0..count-1 with `CONCURRENCY` at once. */
async function pool(count, task) {
  let next = 0;
  const results = new Array(count);
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** A small seeded generator, so runs answer alike. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `clients` clients at once, each `SAMPLES / clients` calls after a warm-up. */
async function latency(title, makeUrl, headers, clients) {
  const times = [];
  const perClient = Math.ceil(SAMPLES / clients);
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < WARMUP + perClient; i++) {
        const url = makeUrl(c * perClient + i);
        const started = performance.now();
        const res = await fetch(url, { headers });
        const text = await res.text();
        const ms = performance.now() - started;
        if (!res.ok) {
          throw new Error(
            `${title}: GET ${url} answered ${res.status} ${text.slice(0, 300)}`,
          );
        }
        if (i >= WARMUP) times.push(ms);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return {
    title,
    clients,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-bench-surveys-'));
const catalog = organisation(dir);
let oidc;
let portal;
try {
  const port = await freePort();
  oidc = await startDemoOidc({
    portalPorts: [port],
    people: [
      {
        id: 'priya.nair',
        name: 'Priya Nair',
        email: 'priya.nair@tidewater.example',
      },
      ...Array.from({ length: PEOPLE }, (_, i) => ({
        id: personId(i),
        name: `Bench Person ${i}`,
        email: `${personId(i)}@bench.example`,
      })),
    ],
  });
  portal = await startBenchBackend({
    engine: ENGINE,
    keepDatabase: flag('keep-database'),
    port,
    extraConfig: { ...catalog, ...oidc.portalConfig() },
  });
  const base = portal.baseUrl;

  // Sign-in needs each person in the catalog, and a response's team is
  // the person's group then: wait until the last ones have their group.
  const started = performance.now();
  for (let tries = 0; ; tries++) {
    const identity = await oidcSignIn(base, personId(PEOPLE - 1)).catch(
      () => undefined,
    );
    if (
      identity?.ok &&
      identity.ownershipEntityRefs.includes(teamRef(PEOPLE - 1))
    ) {
      break;
    }
    if (tries > 600)
      throw new Error('the generated people never reached the catalog');
    await sleep(1000);
  }
  console.error(
    `[${ENGINE}] catalog ready after ${(
      (performance.now() - started) /
      1000
    ).toFixed(0)} s; signing ${PEOPLE} people in`,
  );
  const signIn = async id => {
    const identity = await oidcSignIn(base, id);
    if (!identity.ok) throw new Error(`${id}: ${identity.error.message}`);
    return identity.token;
  };
  const priya = await signIn('priya.nair');
  const tokens = await pool(PEOPLE, i => signIn(personId(i)));

  const json = token => ({
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  });
  const created = await fetch(`${base}/api/platform-surveys/surveys`, {
    method: 'POST',
    headers: json(priya),
    body: JSON.stringify({
      title: 'Developer experience pulse',
      questions: [
        { kind: 'agreement', text: 'CI is fast enough' },
        { kind: 'agreement', text: 'I can find the docs I need' },
        {
          kind: 'agreement',
          text: 'Getting a new service to production is easy',
        },
        {
          kind: 'recommend',
          text: 'Would you recommend the platform to a colleague?',
        },
        {
          kind: 'choice',
          text: 'What slows you most?',
          options: ['CI', 'Reviews', 'Environments', 'Access', 'Docs'],
        },
        { kind: 'text', text: 'Anything else?' },
      ],
      audience: { kind: 'everyone' },
      opensAt: OPENS.toISOString(),
      closesAt: new Date(OPENS.getTime() + 14 * DAY).toISOString(),
      repeat: { every: 'quarter', rounds: 2 },
    }),
  });
  if (created.status !== 201) {
    throw new Error(
      `POST /surveys answered ${created.status} ${await created.text()}`,
    );
  }
  const survey = await created.json();
  const choices = ['CI', 'Reviews', 'Environments', 'Access', 'Docs'];

  const seedStarted = performance.now();
  let responses = 0;
  for (const [round, count] of [
    [1, PREVIOUS],
    [2, PEOPLE],
  ]) {
    const at = new Date(
      Date.parse(survey.rounds[round - 1].opensAt) + DAY,
    ).toISOString();
    console.error(`[${ENGINE}] ${count} responses to round ${round}`);
    await pool(count, async i => {
      const next = random(round * 1_000_003 + i);
      const scale = () => 1 + Math.floor(next() * 5);
      const answers = {
        q1: scale(),
        q2: scale(),
        q3: scale(),
        q4: Math.floor(next() * 11),
        q5: choices[Math.floor(next() * choices.length)],
        // One in ten writes something.
        ...(i % 10 === 0
          ? { q6: `Bench note ${i}: the ${choices[i % 5]} step is slow.` }
          : {}),
      };
      const res = await fetch(
        `${base}/api/platform-surveys/surveys/${survey.id}/rounds/${round}/response`,
        {
          method: 'PUT',
          headers: { ...json(tokens[i]), 'x-lodestar-demo-at': at },
          body: JSON.stringify({ answers }),
        },
      );
      if (!res.ok) {
        throw new Error(
          `PUT response ${round}/${i}: ${res.status} ${await res.text()}`,
        );
      }
      await res.arrayBuffer();
      responses++;
    });
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  if (ENGINE === 'postgres') {
    await vacuumAnalyze(portal.pluginDatabase('platform-surveys'));
  }
  console.error(
    `[${ENGINE}] ${responses} responses in ${seedSeconds.toFixed(
      0,
    )} s; measuring`,
  );

  // What the measures read must be what they claim to read.
  const check = await (
    await fetch(
      `${base}/api/platform-surveys/surveys/${survey.id}/rounds/2/results`,
      {
        headers: { Authorization: `Bearer ${priya}` },
      },
    )
  ).json();
  if (check.overall?.respondents !== PEOPLE || check.byTeam?.length !== TEAMS) {
    throw new Error(`round 2 results: ${JSON.stringify(check).slice(0, 500)}`);
  }

  const auth = { Authorization: `Bearer ${priya}` };
  const surveyUrl = `${base}/api/platform-surveys/surveys/${survey.id}`;
  const measures = [
    ['results, everyone', () => `${surveyUrl}/rounds/2/results`],
    [
      'results, one team',
      i => `${surveyUrl}/rounds/2/results?team=${teamRef(i)}`,
    ],
    ['CSV export, everyone', () => `${surveyUrl}/rounds/2/export`],
    ['trend across rounds', () => `${surveyUrl}/trend`],
    [
      'scores of one question',
      i =>
        `${base}/api/platform-surveys/scores?survey=${survey.id}&question=q${
          1 + (i % 4)
        }`,
    ],
  ];
  const results = [];
  for (const clients of [1, CLIENTS]) {
    for (const [title, makeUrl] of measures) {
      results.push(await latency(title, makeUrl, auth, clients));
    }
  }

  const load = os.loadavg().map(l => l.toFixed(2));
  const summary = {
    date: new Date().toISOString(),
    engine: ENGINE,
    cpus: os.cpus().length,
    loadAverage: load,
    seeded: { people: PEOPLE, teams: TEAMS, responses, seconds: seedSeconds },
    samples: SAMPLES,
    warmup: WARMUP,
    latency: results,
  };
  fs.mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
  fs.writeFileSync(
    path.join(repoRoot, `bench/results/surveys-${ENGINE}.json`),
    JSON.stringify(summary, null, 2),
  );
  const ms = v => `${v.toFixed(1)} ms`;
  console.log(
    `${ENGINE}: ${PEOPLE} responses in round 2 (${PREVIOUS} in round 1), ${TEAMS} teams; load average ${load.join(
      ' ',
    )} on ${os.cpus().length} cores`,
  );
  console.log('| measure | clients | p50 | p95 | p99 |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.title} | ${r.clients} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(
        r.p99,
      )} |`,
    );
  }
} finally {
  await portal?.cleanup();
  await oidc?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
