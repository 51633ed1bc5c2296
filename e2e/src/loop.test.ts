/*
 * The platform team's closed loop end to end, in real Chromium against the
 * real backend on PostgreSQL, with people who sign in for real through the
 * demo OpenID provider:
 *
 * - Sam Rivera (Checkout Team) files a request; Jonas Weber (Payments Team)
 *   votes for it on its page;
 * - Priya Nair (Platform Team) creates an improvement answering it and a
 *   second request, plans, starts and ships it;
 * - Sam is notified, sees "Addressed by …" and rates the resolved request;
 * - the improvement page shows the roll-up and the impact the APIs compute;
 * - six people answer a pulse survey (through the API, in a round dated in
 *   the past with the demo backdating header, so it is closed): Priya sees
 *   everyone's results, while the Checkout Team's four answers stay hidden
 *   ("Not enough responses"), as do the Payments Team's two.
 *
 * Setup that is not the point goes through the APIs; the points are checked
 * in the browser, against what the APIs answer.
 */
import { Browser, Locator, Page } from 'playwright-core';
import {
  DemoOidcProvider,
  eventually,
  freePort,
  oidcSignIn,
  PortalProcess,
  startDemoOidc,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';
import {
  actions,
  describeWithPostgres,
  expectVisible,
  launchBrowser,
  newPage,
  pickOption,
  screenshot,
  section,
  signInToApp,
} from './browser';

jest.setTimeout(600_000);

const DAY = 86_400_000;
const CHECKOUT = 'group:default/checkout-team';
const PAYMENTS = 'group:default/payments-team';

// Catalog Users of the demo organisation (catalog/org.yaml); the provider
// signs in these seven (the default list has only the first three of them).
const people = [
  ['sam.rivera', 'Sam Rivera', CHECKOUT],
  ['ana.silva', 'Ana Silva', CHECKOUT],
  ['lucas.bernard', 'Lucas Bernard', CHECKOUT],
  ['mei.tanaka', 'Mei Tanaka', CHECKOUT],
  ['jonas.weber', 'Jonas Weber', PAYMENTS],
  ['fatima.haddad', 'Fatima Haddad', PAYMENTS],
  ['priya.nair', 'Priya Nair', 'group:default/platform-team'],
] as const;

const title = 'Checkout builds wait 25 minutes for a CI runner';
const otherTitle = 'Payments pipelines queue behind other teams';
const improvementTitle = 'Dedicated CI runners per team';
const ratingComment = 'Builds start within a minute now.';

type Session = { page: Page; token: string };

// As the improvement page names the impact endpoint's verdicts.
const VERDICTS: Record<string, string> = {
  improved: 'Improved',
  worse: 'Worse',
  noClearChange: 'No clear change',
  notEnoughData: 'Not enough data',
};

describeWithPostgres('the closed loop in Chromium', () => {
  let oidc: DemoOidcProvider;
  let portal: PortalProcess;
  let browser: Browser;
  const tokens: Record<string, string> = {};
  let sam: Session;
  let jonas: Session;
  let priya: Session;
  let key: string;
  let otherKey: string;
  let improvementId: string;
  let locale: string;

  /** A call of the portal's API as `who`; throws on anything but 2xx. */
  const api = async (
    who: string,
    path: string,
    init: RequestInit & { headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(`${portal.baseUrl}/api${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${tokens[who]}`,
        'Content-Type': 'application/json',
        ...init.headers,
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

  const session = async (id: string, name: string): Promise<Session> => {
    const { page } = await newPage(browser);
    await signInToApp(page, portal.baseUrl, name);
    return { page, token: tokens[id] };
  };

  beforeAll(async () => {
    const port = await freePort();
    oidc = await startDemoOidc({
      portalPorts: [port],
      people: people.map(([id, name]) => ({
        id,
        name,
        email: `${id}@tidewater.example`,
      })),
    });
    portal = await startPortal({
      port,
      database: 'postgres',
      config: {
        ...oidc.portalConfig(),
        // The KPI backend copies requests every 3 s instead of 5 min.
        platformKpis: { collectorIntervalSeconds: 3 },
      },
    });
    await waitForDemoCatalog(portal.baseUrl);
    for (const [id] of people) {
      const identity = await oidcSignIn(portal.baseUrl, id);
      if (!identity.ok) throw new Error(identity.error.message);
      if (identity.userEntityRef !== `user:default/${id}`) {
        throw new Error(`${id} signed in as ${identity.userEntityRef}`);
      }
      tokens[id] = identity.token;
    }
    ({ browser } = await launchBrowser());
    sam = await session('sam.rivera', 'Sam Rivera');
    jonas = await session('jonas.weber', 'Jonas Weber');
    priya = await session('priya.nair', 'Priya Nair');
    locale = await priya.page.evaluate(() => navigator.language);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    await oidc?.stop();
  });

  it('lets Sam file a request', async () => {
    const { page } = sam;
    await page.goto(`${portal.baseUrl}/requests/new`);
    const form = page.getByRole('form', { name: 'File a request' });
    await form.getByRole('textbox', { name: 'Title' }).fill(title);
    await form
      .getByRole('textbox', { name: 'Description' })
      .fill('Every build of **checkout** waits for a free runner.');
    await pickOption(page, form, 'Category', 'Pain point');
    await pickOption(page, form, 'Urgency', 'High');
    const hours = form.getByRole('textbox', { name: 'Hours lost per week' });
    await hours.fill('30');
    await hours.press('Tab');
    await form.getByRole('button', { name: 'File request' }).click();
    await page.waitForURL(/\/requests\/REQ-\d+$/);
    key = page.url().match(/(REQ-\d+)$/)![1];
    await expectVisible(
      page.getByRole('heading', { name: `${key} · ${title}`, level: 2 }),
    );
    expect(
      await api('sam.rivera', `/platform-requests/requests/${key}`),
    ).toMatchObject({
      status: 'new',
      requester: 'user:default/sam.rivera',
      requestingTeam: CHECKOUT,
      impact: { hoursLostPerWeek: 30 },
    });
  });

  it('lets Jonas vote for it on its page', async () => {
    const { page } = jonas;
    await page.goto(`${portal.baseUrl}/requests/${key}`);
    await actions(page).getByRole('button', { name: '+1 / vote' }).click();
    await expectVisible(
      actions(page).getByRole('button', { name: 'Remove my vote' }),
    );
    await expectVisible(section(page, 'Votes').getByText('1 vote · 1 team'));
    expect(
      (await api('jonas.weber', `/platform-requests/requests/${key}`)).votes,
    ).toMatchObject({ count: 1, teams: 1, mine: true });

    // Setup: a second request, from Jonas's team, for the same improvement.
    otherKey = (
      await api('jonas.weber', '/platform-requests/requests', {
        method: 'POST',
        body: JSON.stringify({
          title: otherTitle,
          category: 'pain-point',
          urgency: 'medium',
          impact: { peopleAffected: 8, hoursLostPerWeek: 12 },
        }),
      })
    ).key;
  });

  it('lets Priya group both requests into an improvement and ship it', async () => {
    const { page } = priya;
    await page.goto(`${portal.baseUrl}/improvements/new`);
    await page.getByRole('textbox', { name: 'Title' }).fill(improvementTitle);
    await page
      .getByRole('textbox', { name: 'Requests it answers' })
      .fill(`${key}, ${otherKey}`);
    await page
      .getByRole('group', { name: 'For teams' })
      .getByText('Checkout Team', { exact: true })
      .click();
    const kpis = page.getByRole('group', { name: 'KPIs it means to move' });
    await kpis.getByText('Hours lost per week (requests)').click();
    await kpis.getByText('Lead time for changes').click();
    await page.getByRole('button', { name: 'Create improvement' }).click();
    await page.waitForURL(/\/improvements\/IMP-\d+$/);
    improvementId = page.url().match(/(IMP-\d+)$/)![1];
    await expectVisible(
      page.getByRole('heading', {
        name: `${improvementId} · ${improvementTitle}`,
        level: 2,
      }),
    );
    await expectVisible(page.locator('[data-status="proposed"]'));

    await page.getByRole('button', { name: 'Plan' }).click();
    await expectVisible(page.locator('[data-status="planned"]'));
    await page.getByRole('button', { name: 'Start' }).click();
    await expectVisible(page.locator('[data-status="in_progress"]'));
    await page.getByRole('button', { name: 'Ship' }).click();
    const dialog = page.getByRole('dialog', { name: `Ship ${improvementId}` });
    await expectVisible(
      dialog.getByText('Shipping resolves 2 open request(s)'),
    );
    await dialog
      .getByRole('textbox', { name: 'Note for the requesters (optional)' })
      .fill('Every team has its own runners now.');
    await dialog.getByRole('button', { name: 'Ship', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectVisible(page.locator('[data-status="shipped"]'));
    await screenshot(page, 'loop-01-shipped');

    const improvement = await api(
      'priya.nair',
      `/platform-requests/improvements/${improvementId}`,
    );
    expect(improvement).toMatchObject({
      status: 'shipped',
      scope: { teams: [CHECKOUT], entities: [] },
      targetKpis: expect.arrayContaining(['hoursLost', 'leadTime']),
    });
    expect(improvement.shippedAt).toEqual(expect.any(String));
    for (const k of [key, otherKey]) {
      const request = await api(
        'priya.nair',
        `/platform-requests/requests/${k}`,
      );
      expect(request.status).toBe('done');
      expect(request.addressedBy).toEqual([
        { id: improvementId, title: improvementTitle, status: 'shipped' },
      ]);
    }
  });

  it('notifies Sam, who sees what addressed the request and rates it', async () => {
    const { page } = sam;
    await page.goto(`${portal.baseUrl}/notifications`);
    const notice = page.getByRole('link', {
      name: `${key} was resolved by ${improvementId}, please rate it: ${title}`,
    });
    await expectVisible(notice);
    await screenshot(page, 'loop-02-notified');
    await notice.click();
    await page.waitForURL(new RegExp(`/requests/${key}$`));
    await expectVisible(page.locator('[data-status="done"]'));
    const addressedBy = page.getByRole('link', {
      name: `${improvementId} · ${improvementTitle}`,
    });
    await expectVisible(addressedBy);
    await expect(addressedBy.getAttribute('href')).resolves.toBe(
      `/improvements/${improvementId}`,
    );

    await actions(page).getByRole('button', { name: 'Rate' }).click();
    const dialog = page.getByRole('dialog', { name: `Rate ${key}` });
    await dialog
      .getByRole('radiogroup')
      .getByText('4', { exact: true })
      .click();
    await dialog
      .getByRole('textbox', { name: 'Comment (optional)' })
      .fill(ratingComment);
    await dialog.getByRole('button', { name: 'Rate', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectVisible(
      section(page, 'Details').getByText(`Rated 4/5: ${ratingComment}`),
    );
    expect(
      (await api('sam.rivera', `/platform-requests/requests/${key}`)).rating,
    ).toEqual({ score: 4, comment: ratingComment });
    await screenshot(page, 'loop-03-rated');
  });

  it('shows on the improvement page the roll-up and impact the APIs compute', async () => {
    const improvement = await api(
      'priya.nair',
      `/platform-requests/improvements/${improvementId}`,
    );
    // Sam's 30 hours and Jonas's 12; Jonas's vote; two requesting teams.
    expect(improvement.rollup).toEqual({
      votes: 1,
      teams: expect.arrayContaining([CHECKOUT, PAYMENTS]),
      hoursLostPerWeek: 42,
    });

    // The KPI backend copies requests on its own schedule: wait until its
    // impact answer counts both (Sam's in the scope, Jonas's in the rest).
    const impactOf = (kpi: string) =>
      api(
        'priya.nair',
        `/platform-kpis/impact?${new URLSearchParams({
          shippedAt: improvement.shippedAt,
          windowDays: '30',
          kpi,
          team: CHECKOUT,
        })}`,
      );
    await eventually(async () => {
      const hours = (await impactOf('hoursLost')).kpis[0];
      return hours.scope.before.n === 1 && hours.rest?.before.n === 1;
    }, 120_000);
    const impacts = await Promise.all(
      improvement.targetKpis.map((k: string) => impactOf(k)),
    );

    const { page } = priya;
    await page.goto(`${portal.baseUrl}/improvements/${improvementId}`);
    const number = (n: number, digits: number) =>
      new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(
        n,
      );
    const counted = (n: number, noun: string) =>
      `${number(n, 3)} ${noun}${n === 1 ? '' : 's'}`;
    const answers = section(page, 'Requests it answers');
    await expectVisible(
      answers.getByText(
        `${counted(improvement.rollup.votes, 'vote')} from ${counted(
          improvement.rollup.teams.length,
          'team',
        )}, ${number(
          improvement.rollup.hoursLostPerWeek,
          1,
        )} hours lost per week`,
      ),
    );
    const linked = answers.getByRole('table', { name: 'Linked requests' });
    const rows = linked.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(improvement.requests.length);
    for (const r of improvement.requests) {
      const row = rows.filter({ hasText: `${r.key} · ${r.title}` });
      await expectVisible(row);
      const cells = await row.locator('td').allInnerTexts();
      expect(cells[1]).toBe('Done');
      expect(cells[3]).toBe(number(r.votes, 3));
      expect(cells[4]).toBe(number(r.hoursLostPerWeek, 1));
    }

    // One row per target KPI, each as the impact endpoint answers it.
    const impactTable = section(page, 'Impact').getByRole('table', {
      name: 'Impact',
    });
    await expectVisible(impactTable);
    const sample = (s: { value: number | null; n: number }) =>
      s.value === null
        ? `no value (n = ${number(s.n, 3)})`
        : `${number(s.value, 2)} (n = ${number(s.n, 3)})`;
    const expected = impacts.flatMap(r =>
      r.kpis.map((k: any) => [
        `${k.title} (${r.windowDays} days)`,
        `${sample(k.scope.before)} → ${sample(k.scope.after)}`,
        k.rest
          ? `${sample(k.rest.before)} → ${sample(k.rest.after)}`
          : 'everyone is in scope',
        `${VERDICTS[k.verdict]}${
          r.afterWindowComplete ? '' : ' (after window still open)'
        }`,
      ]),
    );
    expect(expected).toHaveLength(2);
    const shown = await impactTable
      .locator('tbody tr')
      .evaluateAll(trs =>
        trs.map(tr =>
          [...tr.querySelectorAll('td')].map(td => td.innerText.trim()),
        ),
      );
    expect(shown).toEqual(expected);
    // The hours Sam reported are in the scope's before window.
    const hours = impacts
      .flatMap(r => r.kpis)
      .find((k: any) => k.kpi === 'hoursLost');
    expect(hours.scope.before.value).toBeGreaterThan(0);
    await screenshot(page, 'loop-04-improvement-page');
  });

  it('shows survey results for everyone while a team of four stays hidden', async () => {
    const now = Date.now();
    const survey = await api('priya.nair', '/platform-surveys/surveys', {
      method: 'POST',
      body: JSON.stringify({
        title: 'How is CI treating you?',
        questions: [
          { kind: 'agreement', text: 'CI is fast enough' },
          {
            kind: 'choice',
            text: 'What slows you most?',
            options: ['CI', 'Reviews'],
          },
        ],
        audience: { kind: 'everyone' },
        opensAt: new Date(now - 3 * DAY).toISOString(),
        closesAt: new Date(now - DAY).toISOString(),
      }),
    });
    // Six answers while the round was open (the demo backdating header sets
    // when each was given): four from the Checkout Team, two from Payments.
    const answers: Record<string, number> = {
      'sam.rivera': 4,
      'ana.silva': 5,
      'lucas.bernard': 4,
      'mei.tanaka': 2,
      'jonas.weber': 3,
      'fatima.haddad': 1,
    };
    for (const [id, score] of Object.entries(answers)) {
      await api(
        id,
        `/platform-surveys/surveys/${survey.id}/rounds/1/response`,
        {
          method: 'PUT',
          headers: {
            'x-lodestar-demo-at': new Date(now - 2 * DAY).toISOString(),
          },
          body: JSON.stringify({ answers: { q1: score, q2: 'CI' } }),
        },
      );
    }
    const results = await api(
      'priya.nair',
      `/platform-surveys/surveys/${survey.id}/rounds/1/results`,
    );
    expect(results.overall).toMatchObject({ enough: true, respondents: 6 });
    expect(results.byTeam).toEqual([
      { team: CHECKOUT, enough: false },
      { team: PAYMENTS, enough: false },
    ]);
    const q1 = results.overall.questions[0];

    const { page } = priya;
    await page.goto(`${portal.baseUrl}/surveys/${survey.id}`);
    const everyone = groupCard(page, 'Everyone · 6 respondents');
    await expectVisible(everyone);
    await expectVisible(
      everyone.getByText(`Mean ${q1.mean} · median ${q1.median} · n = ${q1.n}`),
    );
    await expectVisible(
      everyone.getByText(
        q1.distribution
          .map(
            (d: { value: number; count: number }) => `${d.value}: ${d.count}`,
          )
          .join(' · '),
      ),
    );
    // Teams by their catalog names, not their refs.
    for (const team of ['Checkout Team', 'Payments Team']) {
      const card = groupCard(page, team);
      await expectVisible(card.getByText('Not enough responses'));
      await expect(card.innerText()).resolves.not.toMatch(/respondents|Mean/);
    }
    await screenshot(page, 'loop-05-survey-results');

    // Narrowing to the team of four says the same, in the UI and the API.
    await page.getByRole('button', { name: /Team$/ }).click();
    await page
      .getByRole('listbox', { name: 'Team' })
      .getByRole('option', { name: 'Checkout Team' })
      .click();
    const narrowed = groupCard(page, 'Checkout Team');
    await expectVisible(narrowed.getByText('Not enough responses'));
    await groupCard(page, 'Everyone · 6 respondents').waitFor({
      state: 'detached',
    });
    expect(
      (
        await api(
          'priya.nair',
          `/platform-surveys/surveys/${survey.id}/rounds/1/results?team=${CHECKOUT}`,
        )
      ).overall,
    ).toEqual({ team: CHECKOUT, enough: false });
    await screenshot(page, 'loop-06-survey-team-hidden');
  });
});

/** A group's card of the survey results, by its heading. */
function groupCard(page: Page, heading: string): Locator {
  return page.locator('[data-testid^="group-"]').filter({
    has: page.getByRole('heading', { name: heading, level: 3, exact: true }),
  });
}
