/*
 * Platform KPIs end to end, in real Chromium against the real backend
 * (SQLite, demo organisation): the demo history goes in through the public
 * ingestion API as `npm start` seeds it; the KPI page shows it, with the
 * numbers the API computes; drill-down from the organisation to a team and
 * a service; a deployment posted by "CI" moves deployment frequency on the
 * next load; the export downloads what is in view.
 */
import { Browser, Page } from 'playwright-core';
import fs from 'node:fs';
// The seeder npm start runs; it talks to the portal over HTTP only.
import { seedDemoKpiHistory } from '@internal/demo-data';
import {
  guestToken,
  PortalProcess,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';
import {
  describeInBrowser,
  launchBrowser,
  newPage,
  screenshot,
  signInAsGuest,
} from './browser';

jest.setTimeout(240_000);

const INGEST_TOKEN = 'local-kpi-ingest-token';

describeInBrowser('platform KPIs in Chromium', () => {
  let portal: PortalProcess;
  let browser: Browser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    portal = await startPortal({ database: 'sqlite' });
    await waitForDemoCatalog(portal.baseUrl);
    const seeded = await seedDemoKpiHistory(portal.baseUrl);
    if (seeded.accepted !== seeded.events) {
      throw new Error(
        `demo seed stored ${seeded.accepted} of ${seeded.events}`,
      );
    }
    token = await guestToken(portal.baseUrl);
    ({ browser } = await launchBrowser());
    ({ page } = await newPage(browser));
    await signInAsGuest(page, portal.baseUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  async function api(path: string) {
    const res = await fetch(`${portal.baseUrl}/api/platform-kpis${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return res.json();
  }

  const tile = (title: string) =>
    page.getByRole('group', { name: title, exact: true }).first();

  async function tileValue(title: string) {
    const value = tile(title).getByTestId('kpi-value');
    await value.waitFor();
    return (await value.textContent())?.trim();
  }

  it('shows the demo history, labelled, with the numbers the API computes', async () => {
    await page.goto(`${portal.baseUrl}/kpis?window=30d`);
    await page.getByText('Demo data').first().waitFor();
    const tz = await page.evaluate(
      () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    );
    const dora = await api(
      `/dora?window=30d&include=breakdown&tz=${encodeURIComponent(tz)}`,
    );
    expect(dora.metrics.deploymentFrequency.deployments).toBeGreaterThan(50);
    expect(await tileValue('Deployment frequency')).toBe(
      `${dora.metrics.deploymentFrequency.perDay.toFixed(2)} / day`,
    );
    await tile('Deployment frequency')
      .getByText(`${dora.metrics.deploymentFrequency.deployments} deployments`)
      .waitFor();
    // Teams of the demo organisation sit at different tiers.
    const tiers = new Set(dora.breakdown.map((r: any) => r.metrics.tier));
    expect(tiers.size).toBeGreaterThan(1);
    await page.getByRole('link', { name: 'Checkout Team' }).first().waitFor();
    await screenshot(page, 'kpis-01-organisation');
  });

  it('drills down from the organisation to a team and to a service', async () => {
    await page.getByRole('link', { name: 'Checkout Team' }).first().click();
    await page.waitForURL(
      /team=group%3Adefault%2Fcheckout-team|team=group:default\/checkout-team/,
    );
    const team = await api('/dora?window=30d&team=group:default/checkout-team');
    await tile('Deployment frequency')
      .getByText(`${team.metrics.deploymentFrequency.deployments} deployments`)
      .waitFor();
    await screenshot(page, 'kpis-02-team');
    await page
      .getByRole('link', { name: /^checkout[ -]api$/i })
      .first()
      .click();
    await page.waitForURL(/service=/);
    expect(decodeURIComponent(page.url())).toContain(
      'service=component:default/checkout-api',
    );
    await page
      .getByRole('navigation', { name: 'Breadcrumb' })
      .getByText('Checkout Team')
      .waitFor();
    await screenshot(page, 'kpis-02-service');
  });

  it('counts a deployment CI posts on the next load', async () => {
    await page.goto(`${portal.baseUrl}/kpis?window=7d`);
    const before = await api('/dora?window=7d');
    await tile('Deployment frequency')
      .getByText(
        `${before.metrics.deploymentFrequency.deployments} deployments`,
      )
      .waitFor();

    const finished = new Date(Date.now() - 60_000);
    const res = await fetch(`${portal.baseUrl}/api/platform-kpis/events`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${INGEST_TOKEN}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        events: [
          {
            id: `e2e-${Date.now()}`,
            type: 'deployment',
            entityRef: 'component:default/fleet-registry',
            environment: 'production',
            status: 'success',
            startedAt: new Date(finished.getTime() - 120_000).toISOString(),
            finishedAt: finished.toISOString(),
          },
        ],
      }),
    });
    expect(res.status).toBe(200);

    await page.reload();
    const expected = before.metrics.deploymentFrequency.deployments + 1;
    await tile('Deployment frequency')
      .getByText(`${expected} deployments`)
      .waitFor();
    expect(await tileValue('Deployment frequency')).toBe(
      `${(expected / 7).toFixed(2)} / day`,
    );
    await screenshot(page, 'kpis-03-after-deployment');
  });

  it('exports what is in view as JSON and CSV', async () => {
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const exported = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
    expect(JSON.stringify(exported)).toContain('deploymentFrequency');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const text = fs.readFileSync((await csv.path())!, 'utf8');
    expect(text.split('\n')[0]).toContain('section');
    expect(text).toContain('deploymentFrequency');
  });

  it('shows a team’s delivery on its page and the headline on the home page', async () => {
    await page.goto(`${portal.baseUrl}/catalog/default/group/payments-team`);
    await page.getByText('Delivery').first().waitFor();
    await page.getByTestId('open-requests').waitFor();
    expect(await page.getByTestId('open-requests').textContent()).toMatch(
      /^\d+$/,
    );
    await page.goto(portal.baseUrl);
    await page.getByText('Platform KPIs, last 30 days').waitFor();
    await page.getByTestId('headline-value').first().waitFor();
    await screenshot(page, 'kpis-04-home');
  });
});
