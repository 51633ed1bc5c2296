#!/usr/bin/env node
/*
 * Foundation benchmark (not a test). Measures, on this machine:
 *   - cold and warm `npm start` to ready, from a fresh clone with empty caches
 *   - backend start-to-ready once built (empty database, then existing data)
 *   - backend RSS when idle
 *   - JS bytes transferred and LCP for the home and catalog pages (Chromium)
 * and the same backend/page figures for a stock `@backstage/create-app` app of
 * the same release, generated into a temp dir (nothing of it is committed).
 *
 * Run with the toolchain on PATH:
 *   eval "$(node scripts/portal.mjs env)"; node bench/foundation/run.mjs [--skip-cold] [--skip-stock] [--only-npm-start]
 * Results: bench/results/foundation.json and a Markdown table on stdout.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@internal/harness';
import {
  guestSession,
  launchChromium,
  measurePage,
  median,
  rssMiB,
  sleep,
  startAndTime,
  stop,
} from './measure.mjs';
import { prepareStockApp } from './stockApp.mjs';

const args = new Set(process.argv.slice(2));
const RUNS = 3;
const IDLE_SECONDS = 30;

function writeYaml(file, obj) {
  // JSON is valid YAML; avoids a dependency here.
  fs.writeFileSync(file, JSON.stringify(obj, null, 2));
  return file;
}

async function waitForCatalog(baseUrl, storage) {
  // Any signed-in request works; wait for the catalog's first round.
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const token = (await res.json()).backstageIdentity.token;
  for (let i = 0; i < 300; i++) {
    const r = await fetch(
      `${baseUrl}/api/catalog/entities/by-query?filter=kind=component&limit=1`,
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    );
    if (r.ok && (await r.json()).items.length) return;
    await sleep(500);
  }
  throw new Error(`catalog empty at ${baseUrl} (${storage})`);
}

/** Backend and page figures for one app. */
async function measureApp({
  name,
  root,
  configs,
  extraConfig,
  env,
  pages,
  port,
}) {
  const baseUrl = `http://localhost:${port}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
  const own = extraConfig(tmp);
  const extra = writeYaml(path.join(tmp, 'bench.yaml'), {
    ...own,
    app: { ...own.app, baseUrl },
    backend: { ...own.backend, baseUrl, listen: { port } },
  });
  const run = () =>
    startAndTime({ root, configs: [...configs, extra], env, baseUrl });

  console.error(`[${name}] first start (empty database)`);
  const first = await run();
  await waitForCatalog(baseUrl, name);
  console.error(`[${name}] idle ${IDLE_SECONDS}s for RSS`);
  await sleep(IDLE_SECONDS * 1000);
  const idleRss = rssMiB(first.child.pid);

  console.error(`[${name}] pages in Chromium`);
  const browser = await launchChromium();
  const session = await guestSession(browser, baseUrl);
  const pageFigures = {};
  for (const [label, pagePath] of Object.entries(pages)) {
    const samples = [];
    for (let i = 0; i < RUNS; i++)
      samples.push(await measurePage(browser, baseUrl, pagePath, session));
    pageFigures[label] = {
      path: pagePath,
      jsKiB: median(samples.map(s => s.jsBytes)) / 1024,
      lcpMs: median(samples.map(s => s.lcpMs)),
      lcpSamplesMs: samples.map(s => Math.round(s.lcpMs)),
    };
  }
  await browser.close();
  await stop(first.child);

  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    console.error(`[${name}] restart ${i + 1}/${RUNS}`);
    const again = await run();
    warm.push(again.readyMs);
    await stop(again.child);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  return {
    firstStartMs: first.readyMs,
    restartMs: median(warm),
    restartSamplesMs: warm.map(Math.round),
    idleRssMiB: idleRss,
    pages: pageFigures,
  };
}

/** `npm start` from a fresh clone with empty caches, then again. */
async function coldAndWarmNpmStart() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-clone-'));
  const clone = path.join(dir, 'lodestar');
  execFileSync('git', ['clone', '--quiet', repoRoot, clone]);
  const systemPath = process.env.PATH.split(':')
    .filter(p => !p.includes('.toolchain'))
    .join(':');
  const env = {
    ...process.env,
    PATH: systemPath,
    YARN_GLOBAL_FOLDER: path.join(dir, 'yarn-global'),
    npm_config_cache: path.join(dir, 'npm-cache'),
    npm_config_nodedir: undefined,
  };
  // Output goes to a file, polled for the ready line; Ctrl-C is emulated by
  // sending SIGINT to the whole process group, as a terminal does.
  const once = async label => {
    console.error(`[npm start] ${label}`);
    const logFile = path.join(dir, `${label.split(':')[0]}.log`);
    const fd = fs.openSync(logFile, 'w');
    const started = performance.now();
    const child = spawn('npm', ['start'], {
      cwd: clone,
      env,
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    const exited = new Promise(r =>
      child.once('exit', (code, signal) => r({ code, signal })),
    );
    let readyMs;
    while (readyMs === undefined) {
      if (child.exitCode !== null) {
        throw new Error(
          `npm start ended early:\n${fs
            .readFileSync(logFile, 'utf8')
            .slice(-3000)}`,
        );
      }
      if (/Lodestar is ready/.test(fs.readFileSync(logFile, 'utf8')))
        readyMs = performance.now() - started;
      else await sleep(100);
    }
    process.kill(-child.pid, 'SIGINT');
    const { code, signal } = await exited;
    fs.closeSync(fd);
    return { readyMs, exitAfterCtrlC: code ?? signal };
  };
  const cold = await once('cold: fresh clone, no toolchain, empty caches');
  const warm = await once('warm: second run');
  fs.rmSync(dir, { recursive: true, force: true });
  return { cold, warm };
}

function machine() {
  return {
    cpu: os.cpus()[0].model,
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
  };
}

const results = { machine: machine() };
if (!args.has('--skip-cold')) results.npmStart = await coldAndWarmNpmStart();

if (args.has('--only-npm-start')) {
  fs.mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
  fs.writeFileSync(
    path.join(repoRoot, 'bench/results/npm-start.json'),
    JSON.stringify(results, null, 2),
  );
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

results.lodestar = await measureApp({
  name: 'lodestar',
  root: repoRoot,
  configs: ['app-config.yaml'],
  extraConfig: tmp => ({
    backend: {
      database: {
        client: 'better-sqlite3',
        connection: { directory: path.join(tmp, 'sqlite') },
      },
    },
  }),
  env: { NODE_ENV: 'production' },
  pages: { home: '/', catalog: '/catalog' },
  port: 7101,
});

if (!args.has('--skip-stock')) {
  const stockRoot = await prepareStockApp();
  results.stock = await measureApp({
    name: 'stock',
    root: stockRoot,
    configs: ['app-config.yaml'],
    extraConfig: () => ({
      auth: {
        providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
      },
    }),
    env: { NODE_ENV: 'production' },
    // The stock app mounts the catalog at "/" and its home page at "/home".
    pages: { home: '/home', catalog: '/' },
    port: 7102,
  });
}

fs.mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(repoRoot, 'bench/results/foundation.json'),
  JSON.stringify(results, null, 2),
);
console.log(JSON.stringify(results, null, 2));
