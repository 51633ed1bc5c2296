// Measurements shared by the foundation benchmark: start a backend and time it
// to readiness, read its resident memory, and load pages in headless Chromium.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from 'playwright-core';

export const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Spawns `node <args>` and resolves once /readiness answers 200. */
export async function startAndTime({
  args,
  cwd,
  env,
  baseUrl,
  timeoutMs = 180_000,
}) {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', d => (stderr += d));
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null)
      throw new Error(`backend exited: ${stderr.slice(-2000)}`);
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return { child, readyMs: performance.now() - started };
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`not ready within ${timeoutMs} ms: ${stderr.slice(-2000)}`);
}

export async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise(r => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Resident set size of a process in MiB (Linux /proc). */
export function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]);
  return kb / 1024;
}

// The same flags as the browser tests.
const chromiumFlags = JSON.parse(
  fs.readFileSync(
    new URL('../../e2e/chromium-flags.json', import.meta.url),
    'utf8',
  ),
);

export async function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumFlags,
  });
}

/** Signs in as guest once and returns the session storage to reuse. */
export async function guestSession(browser, baseUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.waitForLoadState('networkidle');
  await sleep(1000);
  const state = await context.storageState();
  await context.close();
  return state;
}

/**
 * Loads `path` in a fresh browser context (empty cache, signed-in session):
 * JS bytes over the wire and Largest Contentful Paint.
 */
export async function measurePage(browser, baseUrl, path, storageState) {
  const context = await browser.newContext({
    storageState,
    viewport: { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  await sleep(1500);
  const result = await page.evaluate(
    () =>
      new Promise(resolve => {
        const js = performance
          .getEntriesByType('resource')
          .filter(e => e.name.split('?')[0].endsWith('.js'))
          .reduce((sum, e) => sum + e.encodedBodySize, 0);
        new PerformanceObserver(list => {
          const entries = list.getEntries();
          resolve({
            jsBytes: js,
            lcpMs: entries[entries.length - 1].startTime,
          });
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(() => resolve({ jsBytes: js, lcpMs: null }), 3000);
      }),
  );
  await context.close();
  return result;
}

export const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
