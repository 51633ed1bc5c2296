#!/usr/bin/env node
/*
 * Repository discovery benchmark (not a test). The real backend with
 * app-config.production.yaml on PostgreSQL, GitHub and GitLab discovery
 * switched on by their variables and pointed at the local stand-ins the
 * tests use (@internal/testing: a GitHub Enterprise-style host and a
 * self-managed GitLab), each holding N repositories (default 2,000) with a
 * catalog-info.yaml of one Component. Both sync tasks are manual, so each
 * sync starts when the benchmark triggers it through the catalog's scheduler
 * API; measured per forge, one after the other on the same portal:
 *   - trigger → the provider has listed every repository (its log line);
 *   - trigger → every Component is queryable in the catalog (by-query
 *     totals; an entity appears there once processed and stitched).
 *     Target ≤ 2 min.
 * Also recorded: requests each stand-in served, the backend's peak RSS and
 * the progress every 10 s.
 *
 *   eval "$(node scripts/portal.mjs env)"
 *   node bench/discovery/run.mjs [--repos 2000] [--forge github|gitlab|both]
 *     [--processing-interval <seconds>] [--page-size <1..100>]
 * Results: bench/results/discovery.json and a table on stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { rssMiB, sleep } from '../foundation/measure.mjs';
import { repoRoot, staticTokenConfig } from '@internal/harness';
import { option } from '../lib/cli.mjs';
import {
  benchCatalog,
  loadTesting,
  startBenchProductionPortal,
} from '../lib/productionPortal.mjs';

const { startGithubDiscoveryFake, startGitlabDiscoveryFake } = loadTesting();

const REPOS = Number(option('repos', 2000));
const FORGES = {
  github: ['github'],
  gitlab: ['gitlab'],
  both: ['github', 'gitlab'],
}[option('forge', 'both')];
if (!FORGES) throw new Error('--forge must be github, gitlab or both');
const PROCESSING_INTERVAL = option('processing-interval');
const PAGE_SIZE = option('page-size');
const TARGET_MS = 120_000;
const TIMEOUT_MS = 10 * 60_000;
const TOKEN = 'discovery-bench-token-0123456789';

const pad = n => String(n).padStart(5, '0');
const component = name =>
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    '  description: Benchmark repository (TEST DATA).',
    'spec:',
    '  type: service',
    '  lifecycle: production',
    '  owner: platform-team',
    '',
  ].join('\n');

const github = await startGithubDiscoveryFake({
  organization: 'bench',
  token: 'bench-github-token',
  repositories: Array.from({ length: REPOS }, (_, i) => ({
    name: `repo-${pad(i)}`,
    files: { 'catalog-info.yaml': component(`gh-repo-${pad(i)}`) },
  })),
});
const gitlab = await startGitlabDiscoveryFake({
  group: 'bench',
  token: 'bench-gitlab-token',
  projects: Array.from({ length: REPOS }, (_, i) => ({
    path: `project-${pad(i)}`,
    files: { 'catalog-info.yaml': component(`gl-project-${pad(i)}`) },
  })),
});

const manual = { frequency: { trigger: 'manual' }, timeout: { minutes: 30 } };
const started = performance.now();
const portal = await startBenchProductionPortal({
  env: {
    GITHUB_DISCOVERY_ORG: 'bench',
    GITLAB_HOST: gitlab.host,
    GITLAB_DISCOVERY_GROUP: 'bench',
    GITLAB_TOKEN: 'bench-gitlab-token',
  },
  config: {
    ...staticTokenConfig(TOKEN, 'bench'),
    // The stand-ins speak http; the file builds https URLs.
    integrations: {
      github: [{ host: 'github.com', token: 'bench' }, github.integration],
      gitlab: [gitlab.integration],
    },
    catalog: {
      // Only the discovered repositories: no templates or portal component.
      locations: [],
      ...(PROCESSING_INTERVAL
        ? { processingInterval: { seconds: Number(PROCESSING_INTERVAL) } }
        : {}),
      providers: {
        github: {
          repositories: {
            host: github.host,
            schedule: manual,
            ...(PAGE_SIZE
              ? { pageSizes: { repositories: Number(PAGE_SIZE) } }
              : {}),
          },
        },
        gitlab: { repositories: { schedule: manual } },
      },
    },
  },
});
const readyMs = performance.now() - started;

const catalog = benchCatalog(portal, TOKEN);
let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, rssMiB(portal.child.pid) ?? 0);
};
const totalComponents = () => catalog.total('component');

const forges = {
  github: {
    task: 'github-provider:repositories:refresh',
    listed: /Read \d+ GitHub repositories/,
    fake: github,
  },
  gitlab: {
    task: 'GitlabDiscoveryEntityProvider:repositories:refresh',
    listed: /Processed \d+ locations/,
    fake: gitlab,
  },
};

const results = [];
try {
  for (const name of FORGES) {
    const forge = forges[name];
    const before = await totalComponents();
    const expected = before + REPOS;
    const requestsBefore = forge.fake.requests.length;
    const outputFrom = portal.output().length;
    const t0 = performance.now();
    await catalog.trigger(forge.task);
    let listedMs;
    let doneMs;
    const progress = [];
    let nextSample = 10_000;
    while (performance.now() - t0 < TIMEOUT_MS) {
      sampleRss();
      const elapsed = performance.now() - t0;
      if (!listedMs && forge.listed.test(portal.output().slice(outputFrom))) {
        listedMs = elapsed;
      }
      const count = (await totalComponents()) - before;
      if (elapsed >= nextSample) {
        progress.push({ s: Math.round(elapsed / 1000), components: count });
        console.error(`${name}: ${Math.round(elapsed / 1000)} s, ${count}`);
        nextSample += 10_000;
      }
      if (count >= REPOS) {
        doneMs = performance.now() - t0;
        break;
      }
      await sleep(250);
    }
    results.push({
      forge: name,
      repositories: REPOS,
      listedMs: listedMs && Math.round(listedMs),
      allInCatalogMs: doneMs && Math.round(doneMs),
      componentsAtEnd: (await totalComponents()) - before,
      expected: expected - before,
      requests: forge.fake.requests.length - requestsBefore,
      progress,
    });
  }
} finally {
  await portal.stop();
  await Promise.all([github.stop(), gitlab.stop()]);
}

const summary = {
  date: new Date().toISOString(),
  repositories: REPOS,
  knobs: {
    processingInterval: PROCESSING_INTERVAL ?? 'default',
    githubPageSize: PAGE_SIZE ?? 'production config (100)',
  },
  backendReadyMs: Math.round(readyMs),
  peakRssMiB: Math.round(peakRss),
  results,
};
fs.mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(repoRoot, 'bench/results/discovery.json'),
  JSON.stringify(summary, null, 2),
);
const s = ms =>
  ms === undefined ? 'not reached' : `${(ms / 1000).toFixed(1)} s`;
console.log(`
| forge | repositories | trigger → listed | trigger → all in catalog (target ≤ 120 s) | requests served |
| --- | ---: | ---: | ---: | ---: |
${results
  .map(
    r =>
      `| ${r.forge} | ${r.repositories} | ${s(r.listedMs)} | ${s(
        r.allInCatalogMs,
      )}${
        r.allInCatalogMs !== undefined && r.allInCatalogMs > TARGET_MS
          ? ' (missed)'
          : ''
      } | ${r.requests} |`,
  )
  .join('\n')}

backend ready after ${s(summary.backendReadyMs)}, peak RSS ${
  summary.peakRssMiB
} MiB
`);
if (results.some(r => r.allInCatalogMs === undefined)) process.exitCode = 1;
