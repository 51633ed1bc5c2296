#!/usr/bin/env node
/*
 * LDAP org sync benchmark (not a test). A real OpenLDAP slapd on loopback
 * with a generated TEST organisation (default 10,000 people, 1,000 groups;
 * @internal/testing's generator, the shape the tests use), the real backend
 * with app-config.production.yaml on PostgreSQL and the LDAP_* variables
 * pointing at slapd. The sync task is manual, so each sync starts when the
 * benchmark triggers it through the catalog's scheduler API:
 *   1. first sync: from the trigger until every person and group is
 *      queryable in the catalog (by-query totals; entities appear there once
 *      processed and stitched). Target ≤ 60 s.
 *   2. second sync, directory unchanged: from the trigger until the provider
 *      logs that it committed (the unchanged entities are not processed
 *      again). Target ≤ 15 s.
 * Also recorded: the provider's own read and commit times (its log lines)
 * and the backend's peak RSS.
 *
 *   eval "$(node scripts/portal.mjs env)"
 *   node bench/org-sync/ldap.mjs [--people 10000] [--groups 1000]
 * Results: bench/results/org-sync-ldap.json and a table on stdout.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rssMiB, sleep } from '../foundation/measure.mjs';
import { repoRoot, staticTokenConfig } from '@internal/harness';
import { option } from '../lib/cli.mjs';
import {
  benchCatalog,
  loadTesting,
  startBenchProductionPortal,
} from '../lib/productionPortal.mjs';

const { generateLdapOrg, ldapSyncEnv, slapdAvailableOrSkip, startSlapd } =
  loadTesting();

const PEOPLE = Number(option('people', 10_000));
const GROUPS = Number(option('groups', 1_000));
const TOKEN = 'org-sync-bench-token-0123456789';
const TASK = 'LdapOrgEntityProvider:default:refresh';

if (!slapdAvailableOrSkip('the LDAP org sync benchmark')) process.exit(1);
process.chdir(repoRoot);

const org = generateLdapOrg({ people: PEOPLE, groups: GROUPS });
// The generator rounds the group count to whole team trees (e.g. 3 → 4):
// wait for what it made.
const peopleMade = org.people.length;
const groupsMade = org.groups.length;

let started = performance.now();
const slapd = await startSlapd({ org });
const slapdLoadMs = performance.now() - started;

const portal = await startBenchProductionPortal({
  env: {
    ...ldapSyncEnv(slapd),
  },
  config: {
    ...staticTokenConfig(TOKEN, 'bench'),
    catalog: {
      // Only the directory: no templates or portal component to process.
      locations: [],
      providers: {
        ldapOrg: {
          default: {
            schedule: {
              frequency: { trigger: 'manual' },
              timeout: { minutes: 15 },
            },
          },
        },
      },
    },
  },
}).catch(async error => {
  // slapd is ours to stop even when the backend does not start.
  await slapd.stop();
  throw error;
});

const catalog = benchCatalog(portal, TOKEN);
let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, rssMiB(portal.child.pid) ?? 0);
};
const total = kind => catalog.total(kind);
const trigger = () => catalog.trigger(TASK);
/** The provider's log lines (messages) printed since `from`. */
const providerLines = from =>
  portal
    .output()
    .slice(from)
    .split('\n')
    .filter(line => line.includes('LdapOrgEntityProvider:default'))
    .map(line => {
      try {
        return JSON.parse(line).message;
      } catch {
        return line;
      }
    });
const secondsIn = (lines, pattern) => {
  const line = lines.find(l => pattern.test(l));
  return line ? Number(line.match(/in ([\d.]+) seconds/)?.[1]) : undefined;
};
async function waitFor(fn, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    sampleRss();
    const failed = providerLines(0).find(l => /org sync .* failed/.test(l));
    if (failed) throw new Error(failed);
    if (await fn()) return;
    await sleep(250);
  }
  throw new Error(`${what} not within ${timeoutMs / 1000} s`);
}

const results = {
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: repoRoot,
  })
    .toString()
    .trim(),
  date: new Date().toISOString(),
  people: peopleMade,
  groups: groupsMade,
  cores: os.cpus().length,
  // Other work on the machine shares the cores: the load averages at the
  // start and the end say how much.
  loadAverageAtStart: os.loadavg(),
  slapdLoadSeconds: slapdLoadMs / 1000,
  backendReadySeconds: portal.readyAfterMs / 1000,
};

try {
  // 1. First sync, into an empty catalog.
  let from = portal.output().length;
  started = performance.now();
  await trigger();
  await waitFor(
    async () =>
      (await total('user')) === peopleMade &&
      (await total('group')) === groupsMade,
    15 * 60_000,
    'all people and groups queryable',
  );
  results.firstSyncQueryableSeconds = (performance.now() - started) / 1000;
  let lines = providerLines(from);
  results.firstSyncReadSeconds = secondsIn(lines, /^Read \d+ LDAP users/);
  results.firstSyncCommitSeconds = secondsIn(lines, /^Committed \d+ LDAP/);

  // Let the catalog settle (nothing left to process) before the second sync.
  await sleep(5_000);

  // 2. Second sync, nothing changed in the directory.
  from = portal.output().length;
  started = performance.now();
  await trigger();
  await waitFor(
    async () => providerLines(from).some(l => /^Committed \d+ LDAP/.test(l)),
    5 * 60_000,
    'the second sync',
  );
  results.secondSyncSeconds = (performance.now() - started) / 1000;
  lines = providerLines(from);
  results.secondSyncReadSeconds = secondsIn(lines, /^Read \d+ LDAP users/);
  results.secondSyncCommitSeconds = secondsIn(lines, /^Committed \d+ LDAP/);
  results.afterSecondSync = {
    users: await total('user'),
    groups: await total('group'),
  };
  results.peakRssMiB = Math.round(peakRss);
  results.loadAverageAtEnd = os.loadavg();
} finally {
  await portal.stop();
  await slapd.stop();
}

const outDir = path.join(repoRoot, 'bench/results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(
  path.join(outDir, 'org-sync-ldap.json'),
  `${JSON.stringify(results, null, 2)}\n`,
);
const fmt = s => (s === undefined ? '—' : `${s.toFixed(1)} s`);
console.log(`
LDAP org sync, ${peopleMade} people and ${groupsMade} groups, commit ${
  results.commit
}

| measure | figure | target | met? |
| --- | --- | --- | --- |
| first sync, trigger → all queryable | ${fmt(
  results.firstSyncQueryableSeconds,
)} | ≤ 60 s | ${results.firstSyncQueryableSeconds <= 60 ? 'yes' : '**no**'} |
| … of which LDAP read / commit | ${fmt(results.firstSyncReadSeconds)} / ${fmt(
  results.firstSyncCommitSeconds,
)} | | |
| second sync (unchanged), trigger → committed | ${fmt(
  results.secondSyncSeconds,
)} | ≤ 15 s | ${results.secondSyncSeconds <= 15 ? 'yes' : '**no**'} |
| … of which LDAP read / commit | ${fmt(results.secondSyncReadSeconds)} / ${fmt(
  results.secondSyncCommitSeconds,
)} | | |
| slapd seed load (slapd -T add) | ${fmt(results.slapdLoadSeconds)} | | |
| backend peak RSS | ${results.peakRssMiB} MiB | | |
`);
