/*
 * Platform requests end to end, in real Chromium against the real backend on
 * PostgreSQL, with three people who sign in for real through the demo
 * OpenID provider (one browser context, so one set of cookies, each):
 *
 * - Sam Rivera (Checkout Team) files a request with Markdown;
 * - Jonas Weber (Payments Team) starts filing the same thing, sees it among
 *   the similar open requests and votes for it instead;
 * - Priya Nair (Platform Team) assigns it to herself on the triage board and
 *   moves it through triaged, planned and in progress to done;
 * - Sam gets the notifications (in the portal, and by mail through a real
 *   SMTP server), turns status-change emails off in Settings →
 *   Notifications, rates the result, and the request page's timeline tells
 *   the whole story with its actors.
 */
import { Browser, Locator, Page } from 'playwright-core';
import {
  DemoOidcProvider,
  freePort,
  oidcSignIn,
  PortalProcess,
  SmtpTestServer,
  startDemoOidc,
  startPortal,
  startSmtpServer,
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
  sidebar,
  signInToApp,
  signInWithOidc,
} from './browser';

jest.setTimeout(300_000);

type Person = { ref: string; name: string; team: string; teamName: string };

// Demo users (catalog/org.yaml).
const sam: Person = {
  ref: 'user:default/sam.rivera',
  name: 'Sam Rivera',
  team: 'group:default/checkout-team',
  teamName: 'Checkout Team',
};
const jonas: Person = {
  ref: 'user:default/jonas.weber',
  name: 'Jonas Weber',
  team: 'group:default/payments-team',
  teamName: 'Payments Team',
};
const priya: Person = {
  ref: 'user:default/priya.nair',
  name: 'Priya Nair',
  team: 'group:default/platform-team',
  teamName: 'Platform Team',
};

const title = 'Preview environments take 40 minutes to start';
const similarTitle = 'preview environments slow';
// Markdown, with a script and javascript: links that must stay inert.
const description = [
  'Every **preview environment** takes about _40 minutes_ to start.',
  '',
  '- reviews wait for it',
  '- people context-switch meanwhile',
  '',
  "<script>window.__pwned = true; alert('script ran')</script>",
  '',
  '[Open the fix](javascript:alert(document.domain))',
  '',
  '<a href="javascript:window.__pwned=true">Raw HTML link</a>',
].join('\n');
const ratingComment = 'Preview environments start in 4 minutes now. Thanks!';

// The board's columns and the buttons that move a card to the next one.
const moves: Array<[from: string, to: string, status: string]> = [
  ['New', 'Triaged', 'triaged'],
  ['Triaged', 'Planned', 'planned'],
  ['Planned', 'In progress', 'in_progress'],
  ['In progress', 'Done', 'done'],
];

type Session = {
  who: Person;
  portal: PortalProcess;
  page: Page;
  token: string;
};

describeWithPostgres('platform requests across three users in Chromium', () => {
  let oidc: DemoOidcProvider;
  let portal: PortalProcess;
  let smtp: SmtpTestServer;
  // Messages of every alert/confirm/prompt any page opened: there must be none.
  const dialogs: string[] = [];
  let browser: Browser;
  let a: Session; // Sam, the requester
  let b: Session; // Jonas, another team
  let c: Session; // Priya, the platform team
  let key: string;

  const session = async (who: Person): Promise<Session> => {
    const { page } = await newPage(browser);
    page.on('dialog', dialog => {
      dialogs.push(`${who.name}: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
    await signInToApp(page, portal.baseUrl, who.name);
    const identity = await oidcSignIn(portal.baseUrl, who.ref.split('/')[1]);
    if (!identity.ok) throw new Error(identity.error.message);
    expect(identity.userEntityRef).toBe(who.ref);
    return { who, portal, page, token: identity.token };
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const port = await freePort();
    oidc = await startDemoOidc({ portalPorts: [port] });
    portal = await startPortal({
      port,
      database: 'postgres',
      config: {
        ...oidc.portalConfig(),
        notifications: {
          processors: {
            email: {
              transportConfig: {
                transport: 'smtp',
                hostname: smtp.host,
                port: smtp.port,
              },
              sender: 'Lodestar <lodestar@tidewater.example>',
            },
          },
        },
      },
    });
    // Sign-in resolves people against the catalog: wait until it has them.
    await waitForDemoCatalog(portal.baseUrl);
    ({ browser } = await launchBrowser());
    a = await session(sam);
    b = await session(jonas);
    c = await session(priya);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    await oidc?.stop();
    await smtp?.stop();
  });

  it('lets Sam file a request with Markdown, category, urgency and impact', async () => {
    const { page } = a;
    await page.goto(`${a.portal.baseUrl}/requests/new`);
    const form = page.getByRole('form', { name: 'File a request' });
    await form.getByRole('textbox', { name: 'Title' }).fill(title);
    await form.getByRole('textbox', { name: 'Description' }).fill(description);
    await pickOption(page, form, 'Category', 'Bug in platform tooling');
    await pickOption(page, form, 'Urgency', 'High');

    // Both impact numbers, side by side.
    const people = form.getByRole('textbox', { name: 'People affected' });
    const hours = form.getByRole('textbox', { name: 'Hours lost per week' });
    await expectVisible(people);
    await expectVisible(hours);
    await people.fill('35');
    await people.press('Tab');
    await hours.fill('60');
    await hours.press('Tab');
    await expect(people.inputValue()).resolves.toBe('35');
    await expect(hours.inputValue()).resolves.toBe('60');
    // The requesting team defaults to Sam's own.
    await expectVisible(
      form.getByRole('button', { name: `${sam.teamName} Requesting team` }),
    );

    // The preview renders the Markdown as the request page will.
    await form.locator('label', { hasText: 'Preview description' }).click();
    const preview = form.getByRole('region', { name: 'Description preview' });
    await expectVisible(
      preview.locator('strong', { hasText: 'preview environment' }),
    );
    await expectInert(page, preview);
    await screenshot(page, 'requests-01-file-form');

    await form.getByRole('button', { name: 'File request' }).click();
    await page.waitForURL(/\/requests\/REQ-\d+$/);
    key = page.url().match(/(REQ-\d+)$/)![1];
    await expectVisible(
      page.getByRole('heading', { name: `${key} · ${title}`, level: 2 }),
    );
    await expectVisible(page.locator('[data-status="new"]'));
    await expect(page.locator('[data-status]').innerText()).resolves.toBe(
      'New',
    );

    const details = section(page, 'Details');
    await expectVisible(
      details.getByText('Impact: 35 people, 60 hours lost per week'),
    );
    const descriptionCard = section(page, 'Description');
    await expectVisible(
      descriptionCard.locator('strong', { hasText: 'preview environment' }),
    );
    await expectVisible(
      descriptionCard.locator('em', { hasText: '40 minutes' }),
    );
    expect(await descriptionCard.getByRole('listitem').count()).toBe(2);
    await expectInert(page, descriptionCard);
    await screenshot(page, 'requests-02-filed');

    const request = await getRequest(a, key);
    expect(request).toMatchObject({
      key,
      title,
      description,
      status: 'new',
      category: 'tooling-bug',
      urgency: 'high',
      impact: { peopleAffected: 35, hoursLostPerWeek: 60 },
      requester: sam.ref,
      requestingTeam: sam.team,
      assignee: null,
      votes: { count: 0, teams: 0, mine: false },
      // The requester follows their own request.
      watchers: { count: 1, watching: true },
    });
  });

  it('lets Jonas vote for it from the similar open requests instead of filing a duplicate', async () => {
    const { page } = b;
    await page.goto(`${b.portal.baseUrl}/requests/new`);
    const form = page.getByRole('form', { name: 'File a request' });
    await form.getByRole('textbox', { name: 'Title' }).fill(similarTitle);

    const similar = page.getByRole('list', { name: 'Similar open requests' });
    const suggestion = similar
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: key, exact: true }) });
    await expectVisible(suggestion);
    await expect(suggestion.innerText()).resolves.toContain(title);
    await expectVisible(suggestion.getByText('0 votes · 0 teams'));
    await screenshot(page, 'requests-03-similar');

    await suggestion
      .getByRole('button', { name: `+1 / vote for ${key}` })
      .click();
    const voted = suggestion.getByRole('button', {
      name: `You voted for ${key}`,
    });
    await expectVisible(voted);
    await expect(voted.isDisabled()).resolves.toBe(true);
    await expectVisible(suggestion.getByText('1 vote · 1 team'));
    await screenshot(page, 'requests-04-voted');

    // One vote from one team: Jonas's. The requester's team has not voted.
    const asJonas = await getRequest(b, key);
    expect(asJonas.votes).toEqual({
      count: 1,
      teams: 1,
      byTeam: [{ team: jonas.team, count: 1 }],
      mine: true,
    });
    // A voter follows the request too.
    expect(asJonas.watchers).toEqual({ count: 2, watching: true });
    expect((await getRequest(a, key)).votes).toMatchObject({
      count: 1,
      teams: 1,
      mine: false,
    });

    // The request page says the same as the API.
    await page.goto(`${b.portal.baseUrl}/requests/${key}`);
    const votes = section(page, 'Votes');
    await expectVisible(
      votes.getByText(
        `${asJonas.votes.count} vote · ${asJonas.votes.teams} team`,
      ),
    );
    const byTeam = votes.getByRole('list', { name: 'Votes by team' });
    await expectVisible(byTeam.getByRole('link', { name: jonas.teamName }));
    await expect(byTeam.getByRole('listitem').allInnerTexts()).resolves.toEqual(
      [`${jonas.teamName}: 1`],
    );
    await expectVisible(
      actions(page).getByRole('button', { name: 'Remove my vote' }),
    );
    // Jonas sees the description inert as well.
    await expectInert(page, section(page, 'Description'));
    await screenshot(page, 'requests-05-votes');
  });

  it('lets Priya assign it to herself and move it to done on the triage board', async () => {
    const { page } = c;
    await page.goto(`${c.portal.baseUrl}/requests/triage`);
    const card = (column: string) =>
      page
        .getByRole('region', { name: column, exact: true })
        .getByRole('article', { name: `${key} ${title}` });
    await expectVisible(card('New'));
    await expect(card('New').innerText()).resolves.toMatch(
      /1 vote · 1 team[\s\S]*Unassigned/,
    );
    await screenshot(page, 'requests-06-triage-board');

    await card('New').getByRole('button', { name: 'Assign' }).click();
    const dialog = page.getByRole('dialog', { name: `Assign ${key}` });
    await expectVisible(dialog);
    await pickOption(page, dialog, 'Assignee', priya.name);
    await screenshot(page, 'requests-07-assign');
    await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectVisible(card('New').getByRole('link', { name: priya.name }));
    expect((await getRequest(c, key)).assignee).toBe(priya.ref);

    for (const [from, to, status] of moves) {
      await card(from)
        .getByRole('button', { name: `Move to ${to}` })
        .click();
      await expectVisible(card(to));
      await card(from).waitFor({ state: 'detached' });
      expect((await getRequest(c, key)).status).toBe(status);
    }
    // Done: no more moves, still Priya's.
    await expectVisible(card('Done').getByRole('link', { name: priya.name }));
    expect(await card('Done').getByRole('button').count()).toBe(0);
    await screenshot(page, 'requests-08-triage-done');
  });

  it('notifies Sam of the status changes', async () => {
    const { page } = a;
    await sidebar(page)
      .getByRole('link', { name: /^Notifications/ })
      .click();
    await page.waitForURL(/\/notifications$/);
    // The list is read when the page loads.
    await page.reload();
    const done = page.getByRole('link', { name: `${key} is now done` });
    await expectVisible(done);
    await expect(done.getAttribute('href')).resolves.toBe(`/requests/${key}`);
    for (const status of ['triaged', 'planned', 'in progress']) {
      await expectVisible(
        page.getByRole('link', { name: `${key} is now ${status}` }),
      );
    }
    await screenshot(page, 'requests-09-notifications');

    await done.click();
    await page.waitForURL(new RegExp(`/requests/${key}$`));
    await expectVisible(
      page.getByRole('heading', { name: `${key} · ${title}`, level: 2 }),
    );
    await expectVisible(page.locator('[data-status="done"]'));

    // And by mail: one per status change, each with a link back (sent
    // independently, so in any order).
    // (Jonas watches since his vote and gets them too.)
    const mails = await smtp.waitForMessages(
      4,
      m =>
        m.to.includes('sam.rivera@tidewater.example') &&
        m.subject.startsWith(`${key} is now`),
    );
    expect(mails.map(m => [m.to, m.subject]).sort()).toEqual(
      ['done', 'in progress', 'planned', 'triaged'].map(status => [
        ['sam.rivera@tidewater.example'],
        `${key} is now ${status}: ${title}`,
      ]),
    );
    for (const mail of mails) {
      expect(mail.text).toContain(`${portal.baseUrl}/requests/${key}`);
    }
  });

  it('lets Sam turn status-change emails off in Settings → Notifications', async () => {
    const { page } = a;
    await page.goto(`${a.portal.baseUrl}/settings/notifications`);
    await expectVisible(page.getByText('Platform requests'));
    await page.getByRole('button', { name: 'expand row' }).first().click();
    const row = page.getByRole('row').filter({
      has: page.getByText('Status changes of requests you watch'),
    });
    await expectVisible(row);
    // Web, then Email.
    const email = row.getByRole('switch').nth(1);
    await expect(email.isChecked()).resolves.toBe(true);
    await screenshot(page, 'requests-09b-notification-settings');
    // The switch's label takes the click (the input itself is hidden).
    await row.locator('label').nth(1).click();
    // The switch follows the saved settings: it turns once the backend has them.
    await page.waitForFunction(
      input => !(input as HTMLInputElement).checked,
      await email.elementHandle(),
    );

    const res = await fetch(`${portal.baseUrl}/api/notifications/settings`, {
      headers: { Authorization: `Bearer ${a.token}` },
    });
    const settings = await res.json();
    const origin = settings.channels
      .find((ch: { id: string }) => ch.id === 'Email')
      .origins.find((o: { id: string }) => o.id === 'plugin:platform-requests');
    expect(origin.topics).toContainEqual({
      id: 'request-status',
      enabled: false,
    });

    // Back where the next steps expect Sam: on the request.
    await page.goto(`${a.portal.baseUrl}/requests/${key}`);
    await expectVisible(actions(page));
  });

  it('lets Sam rate the done request', async () => {
    const { page } = a;
    await actions(page).getByRole('button', { name: 'Rate' }).click();
    const dialog = page.getByRole('dialog', { name: `Rate ${key}` });
    await expectVisible(dialog);
    const confirm = dialog.getByRole('button', { name: 'Rate', exact: true });
    await expect(confirm.isDisabled()).resolves.toBe(true);
    // React Aria's radios are visually hidden inputs: pick by their label.
    await dialog
      .getByRole('radiogroup')
      .getByText('5', { exact: true })
      .click();
    await expect(
      dialog.getByRole('radio', { name: '5' }).isChecked(),
    ).resolves.toBe(true);
    await dialog
      .getByRole('textbox', { name: 'Comment (optional)' })
      .fill(ratingComment);
    await screenshot(page, 'requests-10-rate');
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });

    await expectVisible(
      section(page, 'Details').getByText(`Rated 5/5: ${ratingComment}`),
    );
    expect(
      await actions(page).getByRole('button', { name: 'Rate' }).count(),
    ).toBe(0);
    expect((await getRequest(a, key)).rating).toEqual({
      score: 5,
      comment: ratingComment,
    });
    await screenshot(page, 'requests-11-rated');
  });

  it('lists every change with its actor on the timeline', async () => {
    // What the API recorded, in order.
    const entries = await getTimeline(a, key);
    expect(entries.map(e => [e.type, e.actor])).toEqual([
      ['created', sam.ref],
      ['voted', jonas.ref],
      ['assigned', priya.ref],
      ['status-changed', priya.ref],
      ['status-changed', priya.ref],
      ['status-changed', priya.ref],
      ['status-changed', priya.ref],
      ['rated', sam.ref],
    ]);
    expect(entries[2].details).toEqual({ from: null, to: priya.ref });

    // Sam's page (reloaded by the rating) and Priya's say the same: each
    // entry starts with its actor.
    await c.page.goto(`${c.portal.baseUrl}/requests/${key}`);
    const rated = (page: Page) =>
      page.getByRole('list', { name: 'Timeline' }).getByText(/rated it 5\/5/);
    await expectVisible(rated(c.page));
    await screenshot(c.page, 'requests-12-timeline-platform-team');
    for (const { page } of [a, c]) {
      // The rating is the last entry; wait for it before reading the list.
      await expectVisible(rated(page));
      const timeline = page.getByRole('list', { name: 'Timeline' });
      const items = timeline.getByRole('listitem');
      await expect(items.count()).resolves.toBe(entries.length);
      await expect(items.allInnerTexts()).resolves.toEqual([
        expect.stringMatching(/^Sam Rivera filed the request/),
        expect.stringMatching(/^Jonas Weber voted for it/),
        expect.stringMatching(
          /^Priya Nair assigned it to (Priya Nair|user:default\/priya\.nair)/,
        ),
        expect.stringMatching(/^Priya Nair moved it from New to Triaged/),
        expect.stringMatching(/^Priya Nair moved it from Triaged to Planned/),
        expect.stringMatching(
          /^Priya Nair moved it from Planned to In progress/,
        ),
        expect.stringMatching(/^Priya Nair moved it from In progress to Done/),
        expect.stringMatching(
          new RegExp(
            `^Sam Rivera rated it 5/5[\\s\\S]*${escapeRegExp(ratingComment)}`,
          ),
        ),
      ]);
    }
  });

  it('offers no vote on a done request, which the API would refuse', async () => {
    const { page } = a;
    await expectVisible(page.locator('[data-status="done"]'));
    await expectVisible(
      actions(page)
        .getByRole('button', { name: 'Watch' })
        .or(actions(page).getByRole('button', { name: 'Stop watching' })),
    );
    // The API refuses votes once a request is closed...
    const res = await fetch(
      `${a.portal.baseUrl}/api/platform-requests/requests/${key}/votes`,
      { method: 'POST', headers: { Authorization: `Bearer ${a.token}` } },
    );
    expect(res.status).toBe(409);
    await expect(res.json()).resolves.toMatchObject({
      error: { message: `${key} is done; votes are for open requests` },
    });
    // ...so the page should not offer one.
    expect(
      await actions(page).getByRole('button', { name: '+1 / vote' }).count(),
    ).toBe(0);
  });

  it('never ran the script or the javascript: links', async () => {
    expect(dialogs).toEqual([]);
    for (const { page } of [a, b, c]) {
      expect(
        await page.evaluate(() => (window as any).__pwned),
      ).toBeUndefined();
    }
  });

  it('refuses a person without a catalog User on the sign-in page, saying why', async () => {
    const { page } = await newPage(browser);
    await signInWithOidc(page, portal.baseUrl, 'Val Visitor');
    await expectVisible(
      page.getByText(
        'no one in the Lodestar catalog has the email val.visitor@elsewhere.example',
        { exact: false },
      ),
    );
    await screenshot(page, 'sign-in-refused');
    expect(
      await sidebar(page).getByRole('link', { name: 'Requests' }).count(),
    ).toBe(0);
  });
});

/**
 * The rendered description keeps the text but nothing executable: no script
 * element, no javascript: link, and following what is left of the links opens
 * no dialog and leaves the page where it was.
 */
async function expectInert(page: Page, rendered: Locator) {
  await expectVisible(rendered.getByText('Open the fix'));
  await expectVisible(rendered.getByText('Raw HTML link'));
  expect(await rendered.locator('script').count()).toBe(0);
  expect(await rendered.locator('[href^="javascript:" i]').count()).toBe(0);
  await expect(rendered.innerHTML()).resolves.not.toMatch(
    /javascript:|<script|__pwned/i,
  );
  // What is left of a link goes nowhere (at most to "#").
  const withoutHash = (url: string) => url.replace(/#.*$/, '');
  const url = withoutHash(page.url());
  await rendered.getByText('Open the fix').click();
  await rendered.getByText('Raw HTML link').click();
  expect(withoutHash(page.url())).toBe(url);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
}

async function platformRequestsApi(s: Session, path: string) {
  const res = await fetch(`${s.portal.baseUrl}/api/platform-requests${path}`, {
    headers: { Authorization: `Bearer ${s.token}` },
  });
  if (!res.ok) {
    throw new Error(`GET ${path} as ${s.who.name}: ${res.status}`);
  }
  return res.json();
}

async function getRequest(s: Session, requestKey: string) {
  return platformRequestsApi(s, `/requests/${requestKey}`);
}

async function getTimeline(
  s: Session,
  requestKey: string,
): Promise<
  Array<{ type: string; actor: string; details: Record<string, unknown> }>
> {
  return (await platformRequestsApi(s, `/requests/${requestKey}/timeline`))
    .items;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
