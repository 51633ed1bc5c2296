// Measurements shared by the foundation benchmark: start a backend and time it
// to readiness, read its resident memory, and load pages in headless Chromium.
import fs from 'node:fs';
import { startBackend } from '@internal/harness';
import { chromium } from 'playwright-core';

export const sleep = ms => new Promise(r => setTimeout(r, ms));

/**
 * Starts the backend of the app at `root` (its packages/backend, as
 * `npm start` runs it, through the harness) and times it to readiness.
 */
export async function startAndTime({
  root,
  configs,
  env,
  baseUrl,
  timeoutMs = 180_000,
}) {
  const { child, readyMs, stderr } = await startBackend({
    root,
    configs,
    sourceMaps: false,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    baseUrl,
    timeoutMs,
    pollMs: 50,
  });
  if (readyMs !== undefined) return { child, readyMs };
  const exited = child.exitCode !== null || child.signalCode !== null;
  child.kill('SIGKILL');
  throw new Error(
    `${
      exited ? 'backend exited' : `not ready within ${timeoutMs} ms`
    }: ${stderr().slice(-2000)}`,
  );
}

export { stopProcess as stop } from '@internal/harness';

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
