/*
 * The triage board with 1,000 open requests, in real Chromium against the
 * real backend on PostgreSQL. Two demo teams file the requests through the
 * public API (in parallel batches), Priya Nair of the platform team triages
 * some of them, and then opens the board: every column holds a page of 20
 * cards and its count, "Show more" adds the next 20, the most urgent come
 * first, and the filters narrow every column.
 */
import { Browser, Locator, Page } from 'playwright-core';
import {
  DemoOidcProvider,
  freePort,
  oidcSignIn,
  PortalProcess,
  startDemoOidc,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';
import {
  describeWithPostgres,
  launchBrowser,
  newPage,
  screenshot,
  signInWithOidc,
} from './browser';

jest.setTimeout(600_000);

const TOTAL = 1_000;
const TRIAGED = 150;
const BATCH = 25;
const PAGE_SIZE = 20;
const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;
const CATEGORIES = ['pain-point', 'access', 'tooling-bug', 'documentation'];

type Counts = { new: number; triaged: number; newCritical: number };

describeWithPostgres('the triage board with 1,000 open requests', () => {
  let oidc: DemoOidcProvider;
  let portal: PortalProcess;
  let browser: Browser;
  let page: Page;
  let before: Counts;
  let expected: Counts;
  const tokens: Record<string, string> = {};

  const api = async (who: string, path: string, init: RequestInit = {}) => {
    const res = await fetch(`${portal.baseUrl}/api/platform-requests${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${tokens[who]}`,
        'Content-Type': 'application/json',
      },
    });
    if (!res.ok) {
      throw new Error(
        `${init.method ?? 'GET'} ${path} as ${who}: ${
          res.status
        } ${await res.text()}`,
      );
    }
    return res.json();
  };
  const total = async (query: string) =>
    (await api('priya.nair', `/requests?${query}&limit=1`)).total as number;
  const counts = async (): Promise<Counts> => ({
    new: await total('status=new'),
    triaged: await total('status=triaged'),
    newCritical: await total('status=new&urgency=critical'),
  });

  /** Runs `task` for 0..count-1, `BATCH` at a time. */
  async function inBatches<T>(count: number, task: (i: number) => Promise<T>) {
    const results: T[] = [];
    for (let start = 0; start < count; start += BATCH) {
      const batch = Array.from(
        { length: Math.min(BATCH, count - start) },
        (_, j) => task(start + j),
      );
      results.push(...(await Promise.all(batch)));
    }
    return results;
  }

  beforeAll(async () => {
    const port = await freePort();
    oidc = await startDemoOidc({ portalPorts: [port] });
    portal = await startPortal({
      port,
      database: 'postgres',
      config: oidc.portalConfig(),
    });
    await waitForDemoCatalog(portal.baseUrl);
    for (const user of ['sam.rivera', 'jonas.weber', 'priya.nair']) {
      const identity = await oidcSignIn(portal.baseUrl, user);
      if (!identity.ok) throw new Error(identity.error.message);
      tokens[user] = identity.token;
    }
    before = await counts();

    // Sam's Checkout Team and Jonas's Payments Team file them in turn.
    const filers = ['sam.rivera', 'jonas.weber'];
    const created: Array<{ key: string; urgency: string }> = await inBatches(
      TOTAL,
      i =>
        api(filers[i % 2], '/requests', {
          method: 'POST',
          body: JSON.stringify({
            title: `Board load request ${i + 1}`,
            category: CATEGORIES[i % CATEGORIES.length],
            urgency: URGENCIES[i % URGENCIES.length],
            impact: {
              peopleAffected: (i * 7) % 200,
              hoursLostPerWeek: (i * 13) % 80,
            },
          }),
        }),
    );
    const toTriage = created.slice(0, TRIAGED);
    await inBatches(toTriage.length, i =>
      api('priya.nair', `/requests/${toTriage[i].key}/transitions`, {
        method: 'POST',
        body: JSON.stringify({ to: 'triaged' }),
      }),
    );
    const stillNew = created.slice(TRIAGED);
    expected = {
      new: before.new + stillNew.length,
      triaged: before.triaged + TRIAGED,
      newCritical:
        before.newCritical +
        stillNew.filter(r => r.urgency === 'critical').length,
    };

    ({ browser } = await launchBrowser());
    ({ page } = await newPage(browser));
    await signInWithOidc(page, portal.baseUrl, 'Priya Nair');
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Requests' })
      .waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    await oidc?.stop();
  });

  const column = (name: string) => page.getByRole('region', { name });
  const cards = (region: Locator) => region.locator('[aria-label^="REQ-"]');
  const countOf = (region: Locator, n: number) =>
    region.getByLabel(`${n} requests`);

  it('shows each column a page at a time with its count', async () => {
    await page.goto(`${portal.baseUrl}/requests/triage`);
    const newColumn = column('New');
    const triaged = column('Triaged');
    await countOf(newColumn, expected.new).waitFor();
    await countOf(triaged, expected.triaged).waitFor();
    await cards(newColumn)
      .nth(PAGE_SIZE - 1)
      .waitFor();

    for (const [region, count] of [
      [newColumn, expected.new],
      [triaged, expected.triaged],
    ] as const) {
      expect(await cards(region).count()).toBe(PAGE_SIZE);
      await region.getByText(`Showing ${PAGE_SIZE} of ${count}`).waitFor();
      expect(
        await region.getByRole('button', { name: /^Show more/ }).isVisible(),
      ).toBe(true);
    }

    // Bounded by the 20 cards shown, not by the 850 waiting: the column is
    // its cards and a little more, and the page no taller than that column
    // plus the header and filters.
    const heights = await cards(newColumn).evaluateAll(els =>
      els.map(el => el.getBoundingClientRect().height),
    );
    const tallestCard = Math.max(...heights);
    const columnHeight = (await newColumn.boundingBox())!.height;
    expect(columnHeight).toBeLessThanOrEqual((PAGE_SIZE + 3) * tallestCard);
    const pageHeight = await page.evaluate(
      () => document.documentElement.scrollHeight,
    );
    expect(pageHeight).toBeLessThanOrEqual(columnHeight + 6 * tallestCard);
    await screenshot(page, 'triage-01-board-1000');
  });

  it('puts the highest priority first', async () => {
    const scores = await cards(column('New')).evaluateAll(els =>
      els.map(el =>
        Number(/priority (\d+(?:\.\d+)?)/.exec(el.textContent ?? '')?.[1]),
      ),
    );
    expect(scores).toHaveLength(PAGE_SIZE);
    expect(scores.every(s => Number.isFinite(s))).toBe(true);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  });

  it('adds the next 20 with Show more', async () => {
    const newColumn = column('New');
    const first = await cards(newColumn).evaluateAll(els =>
      els.map(el => el.getAttribute('aria-label')),
    );
    await newColumn.getByRole('button', { name: /^Show more/ }).click();
    await cards(newColumn)
      .nth(2 * PAGE_SIZE - 1)
      .waitFor();
    expect(await cards(newColumn).count()).toBe(2 * PAGE_SIZE);
    await newColumn
      .getByText(`Showing ${2 * PAGE_SIZE} of ${expected.new}`)
      .waitFor();
    const all = await cards(newColumn).evaluateAll(els =>
      els.map(el => el.getAttribute('aria-label')),
    );
    expect(new Set(all).size).toBe(2 * PAGE_SIZE);
    expect(all).toEqual(expect.arrayContaining(first));
  });

  it('narrows every column by urgency', async () => {
    await page.getByRole('button', { name: /Urgency/ }).click();
    await page.getByRole('option', { name: 'Critical' }).click();
    await page.keyboard.press('Escape');
    const newColumn = column('New');
    await countOf(newColumn, expected.newCritical).waitFor();
    await newColumn
      .getByText(`Showing ${PAGE_SIZE} of ${expected.newCritical}`)
      .waitFor();
    expect(await cards(newColumn).count()).toBe(PAGE_SIZE);
    await screenshot(page, 'triage-02-critical-only');
  });

  it('shows the platform team the Template Editor', async () => {
    await page.goto(`${portal.baseUrl}/create`);
    await page.getByText('Template Editor', { exact: true }).first().waitFor();
  });
});
