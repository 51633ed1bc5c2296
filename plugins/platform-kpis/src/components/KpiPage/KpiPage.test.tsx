import { coreApis } from '@backstage/frontend-plugin-api';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  CHECKOUT,
  CHECKOUT_API,
  fakeApi,
  makeAdoption,
  makeDora,
  makeEmptyDora,
  makeFlow,
  makeServiceDora,
  makeTeamDora,
  PAYMENTS,
  renderPage,
  responseError,
} from '../../__testUtils__';
import { KpiPage } from './KpiPage';

function locationOf(apis: { get: Function }) {
  return apis.get(coreApis.appHistory).getSnapshot().location;
}

const section = (name: string) => screen.getByRole('region', { name });
const tile = (name: string) => screen.getByRole('group', { name });
const changeOf = (name: string) => within(tile(name)).getByTestId('kpi-change');

describe('KpiPage', () => {
  it('renders the DORA tiles and tier from the summary', async () => {
    const api = fakeApi();
    renderPage(<KpiPage />, { api, initialRouteEntries: ['/kpis'] });

    const frequency = await screen.findByRole('group', {
      name: 'Deployment frequency',
    });
    expect(frequency).toHaveTextContent('1.40 / day');
    expect(frequency).toHaveTextContent('4.2 deploy days / week');
    expect(tile('Lead time for changes')).toHaveTextContent('3.2 h');
    expect(tile('Change failure rate')).toHaveTextContent('8.0 %');
    expect(tile('Change failure rate')).toHaveTextContent('11 of 137');
    expect(tile('Time to restore service')).toHaveTextContent('2.1 d');
    expect(screen.getByTitle('Overall DORA tier: Medium')).toBeInTheDocument();
    expect(screen.queryByText('Demo data')).not.toBeInTheDocument();
    expect(api.getDora).toHaveBeenCalledWith({
      window: '90d',
      include: ['previous', 'series', 'breakdown'],
    });
  });

  it('colours each change by the direction that is better for its KPI', async () => {
    renderPage(<KpiPage />, { api: fakeApi(), initialRouteEntries: ['/kpis'] });
    await screen.findByRole('group', { name: 'Deployment frequency' });

    // 1.0 → 1.4 per day: up, and higher is better.
    const frequency = changeOf('Deployment frequency');
    expect(frequency).toHaveTextContent('+40 % vs previous 90 days');
    expect(frequency).toHaveAttribute('data-color', 'success');
    // 4 h → 3.2 h: down, and lower is better.
    const leadTime = changeOf('Lead time for changes');
    expect(leadTime).toHaveTextContent('−20 %');
    expect(leadTime).toHaveAttribute('data-color', 'success');
    // 5 % → 8 %: up, and lower is better.
    const failures = changeOf('Change failure rate');
    expect(failures).toHaveTextContent('+3.0 pts');
    expect(failures).toHaveAttribute('data-color', 'danger');
    expect(failures).toHaveTextContent('(worse)');
    // Unchanged: grey.
    expect(changeOf('Time to restore service')).toHaveAttribute(
      'data-color',
      'secondary',
    );
  });

  it('greys the change when the previous window had nothing to measure', async () => {
    const dora = makeDora();
    dora.previous!.leadTime.medianSeconds = null;
    renderPage(<KpiPage />, {
      api: fakeApi({ getDora: jest.fn(async () => dora) }),
      initialRouteEntries: ['/kpis'],
    });
    await screen.findByRole('group', { name: 'Lead time for changes' });
    const leadTime = changeOf('Lead time for changes');
    expect(leadTime).toHaveTextContent('no comparison');
    expect(leadTime).toHaveAttribute('data-color', 'secondary');
  });

  it('links each team of the organisation to its own view', async () => {
    renderPage(<KpiPage />, {
      api: fakeApi(),
      initialRouteEntries: ['/kpis?window=30d'],
    });
    const teams = await screen.findByRole('group', { name: 'By team' });
    // Display names come from the catalog.
    expect(
      within(teams).getByRole('link', { name: 'Checkout' }),
    ).toHaveAttribute(
      'href',
      `/kpis?window=30d&team=${encodeURIComponent(CHECKOUT)}`,
    );
    const payments = within(teams).getByRole('link', { name: 'Payments' });
    expect(payments).toHaveAttribute(
      'href',
      `/kpis?window=30d&team=${encodeURIComponent(PAYMENTS)}`,
    );
    expect(payments.closest('tr')).toHaveTextContent('Low');
  });

  it('drills from a team to its services, and from a service back up', async () => {
    const api = fakeApi({
      getDora: jest.fn(async (q: { service?: string }) =>
        q.service ? makeServiceDora() : makeTeamDora(),
      ),
    });
    const { apis } = renderPage(<KpiPage />, {
      api,
      initialRouteEntries: [`/kpis?team=${CHECKOUT}`],
    });
    const services = await screen.findByRole('group', { name: 'By service' });
    expect(api.getDora).toHaveBeenCalledWith({
      window: '90d',
      team: CHECKOUT,
      include: ['previous', 'series', 'breakdown'],
    });
    const link = within(services).getByRole('link', { name: 'checkout-api' });
    expect(link).toHaveAttribute(
      'href',
      `/kpis?team=${encodeURIComponent(CHECKOUT)}&service=${encodeURIComponent(
        CHECKOUT_API,
      )}`,
    );

    await userEvent.click(link);
    await waitFor(() =>
      expect(api.getDora).toHaveBeenLastCalledWith({
        window: '90d',
        service: CHECKOUT_API,
        include: ['previous', 'series', 'breakdown'],
      }),
    );
    expect(locationOf(apis).search).toBe(
      `?team=${encodeURIComponent(CHECKOUT)}&service=${encodeURIComponent(
        CHECKOUT_API,
      )}`,
    );
    // The other sections stay on the team.
    expect(api.getFlow).toHaveBeenLastCalledWith({
      window: '90d',
      team: CHECKOUT,
    });
    const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(
      within(crumbs).getByRole('link', { name: 'Organisation' }),
    ).toHaveAttribute('href', '/kpis');
    expect(
      within(crumbs).getByRole('link', { name: 'Checkout' }),
    ).toHaveAttribute('href', `/kpis?team=${encodeURIComponent(CHECKOUT)}`);
    expect(within(crumbs).getByText('checkout-api')).toHaveAttribute(
      'aria-current',
      'page',
    );
    // A service has no breakdown.
    expect(
      screen.queryByRole('group', { name: 'By service' }),
    ).not.toBeInTheDocument();
  });

  it('finds the owning team of a service opened without one', async () => {
    renderPage(<KpiPage />, {
      api: fakeApi({ getDora: jest.fn(async () => makeServiceDora()) }),
      initialRouteEntries: [`/kpis?service=${CHECKOUT_API}`],
      catalog: {
        getEntityByRef: jest.fn(async () => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'checkout-api', namespace: 'default' },
          relations: [{ type: 'ownedBy', targetRef: CHECKOUT }],
        })),
      },
    });
    const crumbs = await screen.findByRole('navigation', {
      name: 'Breadcrumb',
    });
    expect(
      await within(crumbs).findByRole('link', { name: 'Checkout' }),
    ).toHaveAttribute('href', `/kpis?team=${encodeURIComponent(CHECKOUT)}`);
  });

  it('puts filter changes in the URL and queries with them', async () => {
    const api = fakeApi();
    const { apis } = renderPage(<KpiPage />, {
      api,
      initialRouteEntries: ['/kpis'],
    });
    await screen.findByRole('group', { name: 'Deployment frequency' });

    await userEvent.click(screen.getByRole('button', { name: /Time range/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Last 30 days' }),
    );
    await waitFor(() => expect(locationOf(apis).search).toBe('?window=30d'));
    await waitFor(() =>
      expect(api.getDora).toHaveBeenLastCalledWith({
        window: '30d',
        include: ['previous', 'series', 'breakdown'],
      }),
    );

    await userEvent.click(screen.getByRole('button', { name: /Team/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Payments' }),
    );
    await waitFor(() =>
      expect(locationOf(apis).search).toBe(
        `?window=30d&team=${encodeURIComponent(PAYMENTS)}`,
      ),
    );
    await waitFor(() => {
      expect(api.getDora).toHaveBeenLastCalledWith({
        window: '30d',
        team: PAYMENTS,
        include: ['previous', 'series', 'breakdown'],
      });
      for (const method of [
        api.getFlow,
        api.getAdoption,
        api.getCatalogHealth,
      ]) {
        expect(method).toHaveBeenLastCalledWith({
          window: '30d',
          team: PAYMENTS,
        });
      }
    });
  });

  it('asks the catalog for teams only', async () => {
    const { catalog } = renderPage(<KpiPage />, {
      api: fakeApi(),
      initialRouteEntries: ['/kpis'],
    });
    await waitFor(() =>
      expect(catalog.getEntities).toHaveBeenCalledWith(
        expect.objectContaining({
          filter: { kind: 'Group', 'spec.type': 'team' },
        }),
      ),
    );
  });

  it('keeps the other sections when one fails, and retries it', async () => {
    const getFlow = jest
      .fn()
      .mockImplementationOnce(async () => {
        throw await responseError(400, 'team: must be a group reference');
      })
      .mockImplementation(async () => makeFlow());
    renderPage(<KpiPage />, {
      api: fakeApi({ getFlow }),
      initialRouteEntries: ['/kpis'],
    });

    const alert = await within(section('Intake flow')).findByRole('alert');
    expect(alert).toHaveTextContent('Intake flow could not be loaded');
    expect(alert).toHaveTextContent('team: must be a group reference');
    expect(
      within(section('DORA')).getByRole('group', {
        name: 'Deployment frequency',
      }),
    ).toBeInTheDocument();
    expect(
      await within(section('Golden-path adoption')).findByRole('group', {
        name: 'Template runs',
      }),
    ).toBeInTheDocument();
    expect(
      within(section('Catalog health')).getByRole('group', { name: 'Orphans' }),
    ).toBeInTheDocument();

    await userEvent.click(
      within(section('Intake flow')).getByRole('button', { name: 'Retry' }),
    );
    expect(
      await within(section('Intake flow')).findByRole('group', {
        name: 'Open backlog',
      }),
    ).toHaveTextContent('23');
  });

  it('says how to get DORA numbers when there are no deployments', async () => {
    renderPage(<KpiPage />, {
      api: fakeApi({ getDora: jest.fn(async () => makeEmptyDora()) }),
      initialRouteEntries: ['/kpis'],
    });
    expect(
      await screen.findByText(
        'No production deployments in this window — send deployment events from CI, see docs/kpis.md',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('group', { name: 'Deployment frequency' }),
    ).not.toBeInTheDocument();
  });

  it('labels demo data', async () => {
    renderPage(<KpiPage />, {
      api: fakeApi({
        getDora: jest.fn(async () => makeDora({ demoData: true })),
      }),
      initialRouteEntries: ['/kpis'],
    });
    expect(
      await within(section('DORA')).findByText('Demo data'),
    ).toBeInTheDocument();
  });

  it('shows the intake, adoption and catalog-health sections', async () => {
    renderPage(<KpiPage />, { api: fakeApi(), initialRouteEntries: ['/kpis'] });
    const flow = await screen.findByRole('group', { name: 'Satisfaction' });
    expect(flow).toHaveTextContent('4.3 / 5');
    expect(tile('Time to triage')).toHaveTextContent('5.0 h');
    expect(
      screen.getByRole('group', { name: 'SLA compliance per urgency' }),
    ).toHaveTextContent('80.0 %');
    expect(
      screen.getByRole('list', { name: 'Top categories by hours lost' }),
    ).toHaveTextContent('environments: 120 h / week');
    expect(tile('Template runs')).toHaveTextContent('85.0 % succeeded');
    expect(tile('Components from templates')).toHaveTextContent('65.0 %');
    // Orphans: lower is better, so 5 % → 2 % is good news.
    expect(changeOf('Orphans')).toHaveAttribute('data-color', 'success');
    const gaps = screen.getByRole('group', {
      name: 'Gaps: components missing something',
    });
    expect(
      within(gaps).getByRole('link', { name: /legacy-billing/ }),
    ).toHaveAttribute('href', '/catalog/default/component/legacy-billing');
    expect(gaps).toHaveTextContent('system, api');
  });

  it('shows how people rated each template: mean, count and spread, or not enough ratings', async () => {
    renderPage(<KpiPage />, { api: fakeApi(), initialRouteEntries: ['/kpis'] });
    const ratings = await screen.findByRole('group', {
      name: 'Ratings after runs (all time, whole organisation)',
    });
    const rows = within(ratings).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('node-service');
    expect(rows[1]).toHaveTextContent('4.3 of 5 (12 ratings)');
    expect(rows[1]).toHaveTextContent('1: 0 · 2: 1 · 3: 1 · 4: 4 · 5: 6');
    expect(rows[2]).toHaveTextContent('scheduled-job');
    expect(rows[2]).toHaveTextContent('Not enough ratings');
    expect(rows[2]).toHaveTextContent('shown from 5 ratings');
  });

  it('says why the ratings are missing and keeps the rest of adoption', async () => {
    const message = 'Golden-path ratings are shown to the platform team only.';
    renderPage(<KpiPage />, {
      api: fakeApi({
        getAdoption: jest.fn(async () =>
          makeAdoption({ ratings: { available: false, message } }),
        ),
      }),
      initialRouteEntries: ['/kpis'],
    });
    const ratings = await screen.findByRole('group', {
      name: 'Ratings after runs (all time, whole organisation)',
    });
    expect(ratings).toHaveTextContent(message);
    expect(within(ratings).queryByRole('row')).not.toBeInTheDocument();
    expect(tile('Template runs')).toHaveTextContent('85.0 % succeeded');
  });

  it('drops the service when another team is chosen', async () => {
    const api = fakeApi();
    const { apis } = renderPage(<KpiPage />, {
      api,
      initialRouteEntries: [
        `/kpis?window=7d&team=${CHECKOUT}&service=${CHECKOUT_API}`,
      ],
    });
    await screen.findByRole('group', { name: 'Deployment frequency' });
    await userEvent.click(screen.getByRole('button', { name: /Team/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'All teams' }),
    );
    await waitFor(() => expect(locationOf(apis).search).toBe('?window=7d'));
    await waitFor(() =>
      expect(api.getDora).toHaveBeenLastCalledWith({
        window: '7d',
        include: ['previous', 'series', 'breakdown'],
      }),
    );
  });

  describe('export', () => {
    let blobs: Blob[];
    let downloads: string[];

    beforeEach(() => {
      blobs = [];
      downloads = [];
      Object.assign(URL, {
        createObjectURL: jest.fn((blob: Blob) => {
          blobs.push(blob);
          return 'blob:kpis';
        }),
        revokeObjectURL: jest.fn(),
      });
      jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function click(this: HTMLAnchorElement) {
          downloads.push(this.download);
        });
    });

    afterEach(() => jest.restoreAllMocks());

    async function renderLoaded(api = fakeApi()) {
      renderPage(<KpiPage />, {
        api,
        initialRouteEntries: [`/kpis?window=30d&team=${CHECKOUT}`],
      });
      await screen.findByRole('group', { name: 'Deployment frequency' });
      await screen.findByRole('group', { name: 'Orphans' });
    }

    it('downloads every KPI in view as CSV, formulas defused', async () => {
      const flow = makeFlow({
        topCategories: {
          byVotes: [{ category: '=HYPERLINK("http://evil")', value: 3 }],
          byTeams: [],
          byHoursLost: [],
        },
      });
      await renderLoaded(fakeApi({ getFlow: jest.fn(async () => flow) }));
      await screen.findByRole('group', { name: 'Open backlog' });

      await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
      expect(downloads).toEqual(['platform-kpis-30d-checkout-team.csv']);
      const csv = await blobs[0].text();
      const lines = csv.split('\r\n');
      expect(lines[0]).toBe('section,scope,window,metric,value,previous,unit');
      expect(lines).toContain(
        `dora,${CHECKOUT},30d,deploymentFrequency.perDay,1.4,1,perDay`,
      );
      // The breakdown: the team's services.
      expect(lines).toContain(`dora,${CHECKOUT_API},30d,tier,medium,,tier`);
      expect(lines).toContain('flow,organisation,90d,backlog.open,23,,count');
      expect(lines).toContain(
        `flow,"'=HYPERLINK(""http://evil"")",90d,topCategories.byVotes,3,,count`,
      );
      expect(lines.some(l => l.startsWith('adoption,'))).toBe(true);
      expect(lines.some(l => l.startsWith('catalogHealth,'))).toBe(true);
    });

    it('downloads the summaries as JSON, leaving out a failed section', async () => {
      const getAdoption = jest.fn(async () => {
        throw new Error('collector down');
      });
      await renderLoaded(fakeApi({ getAdoption }));
      await within(section('Golden-path adoption')).findByRole('alert');

      await userEvent.click(
        screen.getByRole('button', { name: 'Export JSON' }),
      );
      expect(downloads).toEqual(['platform-kpis-30d-checkout-team.json']);
      const json = JSON.parse(await blobs[0].text());
      expect(json.filters).toEqual({ window: '30d', team: CHECKOUT });
      expect(json.dora.metrics.deploymentFrequency.perDay).toBe(1.4);
      expect(json.flow.backlog.open).toBe(23);
      expect(json.adoption).toBeNull();
      expect(json.catalogHealth.shares.orphans).toBe(0.02);
    });
  });
});
