/*
 * Real Chromium (Debian's package) driven by playwright-core. Started with the
 * flags that keep it off the network this machine does not have.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { repoRoot } from '@internal/testing';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests run unless `npm test` said Chromium is missing (locally). */
export const describeInBrowser =
  process.env.LODESTAR_SKIP_BROWSER === '1' ? describe.skip : describe;

export const screenshotDir = path.join(repoRoot, 'e2e/screenshots');

export async function launchBrowser(): Promise<{
  browser: Browser;
  userDataDir: string;
}> {
  const userDataDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'lodestar-chromium-'),
  );
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return { browser, userDataDir };
}

export async function newPage(browser: Browser): Promise<{
  context: BrowserContext;
  page: Page;
}> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({
    path: path.join(screenshotDir, `${name}.png`),
    fullPage: true,
  });
}

/** Signs in through the guest card of the real sign-in page. */
export async function signInAsGuest(page: Page, baseUrl: string) {
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
}
