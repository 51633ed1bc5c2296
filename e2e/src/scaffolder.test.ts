/*
 * A golden path end to end, in real Chromium against the real backend
 * (SQLite, demo organisation): Sam Rivera of the Checkout Team opens the
 * Create page, picks the TypeScript service template, gets clear errors for a
 * malformed and a taken name, creates parcel-tracker, watches the task finish
 * (Render, Publish to the portal's local git repository, Register in the
 * catalog) and follows "Open in catalog" to the new component, its owner and
 * its API.
 */
import { Browser, Locator, Page } from 'playwright-core';
import {
  PortalProcess,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';
import {
  describeInBrowser,
  expectVisible,
  launchBrowser,
  newPage,
  screenshot,
  signInAsGuest,
  waitForEntity,
} from './browser';

jest.setTimeout(240_000);

// Titles on the Create page, and the templates' names.
const goldenPaths = {
  'TypeScript service (Fastify)': 'typescript-service',
  'React web app': 'react-web-app',
  'Scheduled job': 'scheduled-job',
};

// Unique in the demo catalog, and so is the API the template adds.
const name = 'parcel-tracker';
const description = 'Tracks parcels from depot to doorstep.';

describeInBrowser('a golden path in Chromium', () => {
  let portal: PortalProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal({ database: 'sqlite' });
    await waitForDemoCatalog(portal.baseUrl);
    ({ browser } = await launchBrowser());
    ({ page } = await newPage(browser));
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('offers the golden paths on the Create page', async () => {
    await signInAsGuest(page, portal.baseUrl);
    await page.getByRole('heading', { name: 'Lodestar', level: 1 }).waitFor();
    // The Create page lists the templates the catalog has when it loads, and
    // the catalog may process them after the demo organisation.
    for (const template of Object.values(goldenPaths)) {
      await waitForEntity(portal.baseUrl, `template:default/${template}`);
    }
    await page.goto(`${portal.baseUrl}/create`);
    for (const title of Object.keys(goldenPaths)) {
      await expectVisible(templateCard(page, title));
    }
    await screenshot(page, 'scaffolder-01-create');

    await templateCard(page, 'TypeScript service (Fastify)')
      .getByRole('button', { name: 'Choose' })
      .click();
    await page.waitForURL(/\/create\/templates\/default\/typescript-service/);
    await expectVisible(nameField(page));
    expect(page.url()).toBe(
      `${portal.baseUrl}/create/templates/default/typescript-service`,
    );
  });

  it('fills in the service, except its name', async () => {
    await page.getByRole('textbox', { name: /^Description/ }).fill(description);

    // The options read as titles; once picked, the stock pickers show the
    // entity reference that the template receives.
    await pickOption(page, /^Owning team/, 'Checkout', 'Checkout Team');
    await expect(
      page.getByRole('textbox', { name: /^Owning team/ }).inputValue(),
    ).resolves.toBe('group:default/checkout-team');
    await pickOption(page, /^System/, 'Storefront', 'Storefront');
    await expect(
      page.getByRole('textbox', { name: /^System/ }).inputValue(),
    ).resolves.toBe('system:default/storefront');

    await page.getByRole('button', { name: /^Lifecycle/ }).click();
    await page.getByRole('option', { name: 'production' }).click();
    await expectVisible(
      page.getByRole('button', { name: 'Lifecycle production' }),
    );
  });

  it('explains a malformed name as soon as the user leaves the field', async () => {
    const field = nameField(page);
    await field.fill('Parcel/Tracker');
    await field.press('Tab');
    await expectVisible(page.getByText('use lowercase letters only'));
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');

    await field.fill('../x');
    await field.press('Tab');
    await expectVisible(
      page.getByText(
        'must contain only lowercase letters, digits and dashes (found ".", "/")',
      ),
    );
    await screenshot(page, 'scaffolder-02-malformed-name');
  });

  it('stays on the first step when Next meets a malformed name', async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    // The template's own message for its pattern, in the list on top.
    await expectVisible(
      page
        .getByText(/use 3 to 40 lowercase letters, digits and dashes/)
        .first(),
    );
    await expectOnFirstStep(page);
    await expect(nameField(page).getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    await screenshot(page, 'scaffolder-03-malformed-name-next');
  });

  it('stays on the first step when the name is already taken', async () => {
    const field = nameField(page);
    await field.fill('checkout-api');
    await page.getByRole('button', { name: 'Next' }).click();
    await expectVisible(
      page
        .getByText(
          '"checkout-api" is already taken in the catalog by component:default/checkout-api',
        )
        .first(),
    );
    await expectOnFirstStep(page);
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'scaffolder-04-taken-name');
  });

  it('goes through Options and Review with a free name', async () => {
    const field = nameField(page);
    await field.fill(name);
    await field.press('Tab');
    await expect(field.inputValue()).resolves.toBe(name);
    await screenshot(page, 'scaffolder-05-about');
    // The form keeps the last Next's errors until the next Next, when the
    // catalog check runs again and lets the free name through.
    await page.getByRole('button', { name: 'Next' }).click();

    // Options: the defaults, no database and port 8080.
    const port = page.getByRole('spinbutton', { name: /^Port/ });
    await expectVisible(port);
    await expectGone(page, 'already taken');
    expect(await nameField(page).count()).toBe(0);
    await expect(port.inputValue()).resolves.toBe('8080');
    const database = page.getByRole('checkbox', {
      name: /PostgreSQL database with migrations/,
    });
    await expect(database.isChecked()).resolves.toBe(false);
    await screenshot(page, 'scaffolder-06-options');
    await page.getByRole('button', { name: 'Review' }).click();

    const create = page.getByRole('button', { name: 'Create' });
    await expectVisible(create);
    for (const value of [
      name,
      description,
      'group:default/checkout-team',
      'system:default/storefront',
      'production',
    ]) {
      await expectVisible(page.getByRole('cell', { name: value }).first());
    }
    await screenshot(page, 'scaffolder-07-review');
    await create.click();
  });

  it('runs the task to completion and links its outputs', async () => {
    await page.waitForURL(/\/create\/tasks\/[^/]+$/);
    await expectVisible(
      page.getByRole('heading', { name: 'TypeScript service (Fastify)' }),
    );
    await expectVisible(page.getByTestId('step-label').first());
    await screenshot(page, 'scaffolder-08-task');

    // Outputs arrive with the task's completion.
    const openInCatalog = page.getByRole('link', { name: 'Open in catalog' });
    await openInCatalog.waitFor({ timeout: 120_000 });
    await expect(
      page.locator('[role="progressbar"][aria-valuenow="100"]').count(),
    ).resolves.toBe(1);
    expect(await page.getByText(/failed/i).count()).toBe(0);
    await expect(page.getByTestId('cancel-button').isDisabled()).resolves.toBe(
      true,
    );

    const steps = page.getByTestId('step-label');
    await expect(steps.allInnerTexts()).resolves.toEqual([
      expect.stringContaining('Find where the repository will live'),
      expect.stringContaining('Render the skeleton'),
      expect.stringContaining('Publish to a git repository'),
      expect.stringContaining('Register in the catalog'),
    ]);

    // The log shows each step finishing (the search jumps to the line).
    const search = page.getByPlaceholder('Search');
    for (const step of [
      'Find where the repository will live',
      'Render the skeleton',
      'Publish to a git repository',
      'Register in the catalog',
    ]) {
      await search.fill(`Finished step ${step}`);
      await expectVisible(page.getByText(`Finished step ${step}`));
    }
    await search.fill('');

    const repository = page.getByRole('link', { name: 'Repository' });
    await expect(repository.getAttribute('href')).resolves.toBe(
      `${portal.baseUrl}/api/local-git/repos/${name}.git`,
    );
    await expect(openInCatalog.getAttribute('href')).resolves.toBe(
      `/catalog/default/component/${name}`,
    );
    await expectVisible(page.getByRole('heading', { name: 'Next steps' }));
    await screenshot(page, 'scaffolder-09-task-completed');
  });

  it('opens the new component in the catalog with its owner and API', async () => {
    // Registration queues the location; the catalog processes it shortly.
    await waitForEntity(portal.baseUrl, `component:default/${name}`, entity =>
      (entity.relations ?? []).some(
        (r: any) =>
          r.type === 'providesApi' && r.targetRef === `api:default/${name}-api`,
      ),
    );
    await waitForEntity(portal.baseUrl, `api:default/${name}-api`);

    await page.getByRole('link', { name: 'Open in catalog' }).click();
    await page.waitForURL(new RegExp(`/catalog/default/component/${name}$`));
    await expectVisible(page.getByRole('heading', { name, exact: true }));

    // The header: owned by the Checkout Team, part of the Storefront system.
    const main = page.getByRole('main');
    const owner = main.getByRole('definition').filter({
      has: page.locator('a[href="/catalog/default/group/checkout-team"]'),
    });
    await expectVisible(owner);
    await expect(owner.innerText()).resolves.toMatch(
      /checkout-team|Checkout Team/,
    );
    await expectVisible(
      main.locator('a[href="/catalog/default/system/storefront"]').first(),
    );

    // The overview's relation cards list the API it provides.
    await expectVisible(page.getByText('Provided APIs'));
    const apiLink = main.locator(`a[href="/catalog/default/api/${name}-api"]`);
    await expectVisible(apiLink.first());
    // The relations graph (drawn last) links it to its team, system and API.
    const graph = main
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: 'Relations' }) });
    for (const node of ['Checkout Team', 'Storefront', `${name}-api`]) {
      await expectVisible(graph.getByText(node, { exact: true }));
    }
    await screenshot(page, 'scaffolder-10-component');

    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'APIs' })
      .click();
    await page.waitForURL(
      new RegExp(`/catalog/default/component/${name}/apis$`),
    );
    await expectVisible(apiLink.first());
    await screenshot(page, 'scaffolder-11-component-apis');
  });
});

/** The card on the Create page whose heading is `title`. */
function templateCard(page: Page, title: string): Locator {
  // The innermost element holding both the title and a Choose button.
  return page
    .locator('div')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .filter({ has: page.getByRole('button', { name: 'Choose' }) })
    .last();
}

function nameField(page: Page): Locator {
  return page.getByRole('textbox', { name: /^Name/ });
}

/** Types into an autocomplete field and picks the option it offers. */
async function pickOption(
  page: Page,
  label: RegExp,
  typed: string,
  option: string,
) {
  // MUI's Autocomplete: a combobox around the labelled text input.
  const input = page.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
}

async function expectOnFirstStep(page: Page) {
  await expectVisible(nameField(page));
  await expectVisible(page.getByRole('button', { name: 'Next' }));
  expect(await page.getByRole('spinbutton', { name: /^Port/ }).count()).toBe(0);
}

async function expectGone(page: Page, text: string) {
  await page.waitForFunction(t => !document.body.innerText.includes(t), text, {
    timeout: 15_000,
  });
  expect(await page.getByText(text).count()).toBe(0);
}
