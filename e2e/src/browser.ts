/*
 * Real Chromium (Debian's package) driven by playwright-core, started with the
 * flags in ../chromium-flags.json that keep it off the network this machine
 * does not have (shared with the benchmarks).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  Browser,
  BrowserContext,
  chromium,
  Locator,
  Page,
} from 'playwright-core';
import { guestToken, repoRoot } from '@internal/testing';
import chromiumFlags from '../chromium-flags.json';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests run unless `npm test` said Chromium is missing (locally). */
export const describeInBrowser =
  process.env.LODESTAR_SKIP_BROWSER === '1' ? describe.skip : describe;

/** Browser tests on PostgreSQL run unless `npm test` said it is missing. */
export const describeWithPostgres =
  process.env.LODESTAR_SKIP_POSTGRES === '1'
    ? describe.skip
    : describeInBrowser;

export const screenshotDir = path.join(repoRoot, 'e2e/screenshots');

/**
 * Launches headless Chromium. Playwright gives every launch a fresh temporary
 * profile (user-data dir), so no state leaks between runs.
 */
export async function launchBrowser(): Promise<{ browser: Browser }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
  });
  return { browser };
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
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click();
  // Signed in once the sign-in page is gone (the app keeps the choice); a
  // page load before that lands back on the sign-in page.
  await enter.waitFor({ state: 'detached' });
}

/**
 * Signs a demo person in for real: the "Company account" card of the sign-in
 * page opens the demo OpenID provider's login page in a popup, the person is
 * chosen there, and the popup hands the identity back to the app.
 */
export async function signInWithOidc(
  page: Page,
  baseUrl: string,
  personName: string,
) {
  await page.goto(baseUrl);
  const popup = page.waitForEvent('popup');
  await page
    .getByRole('button', { name: /sign in/i })
    .first()
    .click();
  const login = await popup;
  await login
    .getByRole('button', { name: new RegExp(`^${personName}\\b`) })
    .click();
  await login.waitForEvent('close');
}

/** Signs in through the demo OpenID provider and waits for the app. */
export async function signInToApp(page: Page, baseUrl: string, name: string) {
  await signInWithOidc(page, baseUrl, name);
  // The sign-in page has a "Lodestar" heading too; the sidebar is the app's.
  await expectVisible(sidebar(page).getByRole('link', { name: 'Requests' }));
}

export function sidebar(page: Page): Locator {
  return page.getByRole('navigation', { name: 'sidebar nav' });
}

/** A card of a request or improvement page, by its heading. */
export function section(page: Page, heading: string): Locator {
  return page.getByRole('article').filter({
    has: page.getByRole('heading', { name: heading, level: 3, exact: true }),
  });
}

/** The request page's action buttons. */
export function actions(page: Page): Locator {
  return page.getByRole('group', { name: 'Actions' });
}

/** Picks an option of a React Aria Select (a button, then a listbox). */
export async function pickOption(
  page: Page,
  scope: Locator,
  label: string,
  option: string,
) {
  await scope.getByRole('button', { name: new RegExp(`${label}$`) }).click();
  const listbox = page.getByRole('listbox', { name: label });
  await listbox.getByRole('option', { name: option, exact: true }).click();
  await listbox.waitFor({ state: 'hidden' });
  await expectVisible(
    scope.getByRole('button', { name: `${option} ${label}` }),
  );
}

export async function expectVisible(locator: Locator) {
  await locator.waitFor({ state: 'visible' });
  expect(await locator.isVisible()).toBe(true);
}

/**
 * Polls the catalog API until the entity (e.g. `template:default/x`) is there
 * and `ready` holds for it. Pages read the catalog once when they load, and
 * the catalog processes its locations in no fixed order.
 */
export async function waitForEntity(
  baseUrl: string,
  ref: string,
  ready: (entity: any) => boolean = () => true,
  timeoutMs = 60_000,
) {
  const token = await guestToken(baseUrl);
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  const url = `${baseUrl}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(url, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (res.ok && ready(await res.json())) return;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`${ref} did not show up in the catalog in ${timeoutMs} ms`);
}
