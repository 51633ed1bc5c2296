import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  CHECKOUT,
  fakeApi,
  fakeImprovementsApi,
  makeImprovement,
  PLATFORM,
  PRIYA,
  renderPage,
  responseError,
} from '../../__testUtils__';
import { ImprovementPage } from './ImprovementPage';

const asPlatform = { user: PRIYA, groups: [PLATFORM] };

describe('ImprovementPage for the platform team', () => {
  it('shows the problem, the linked requests with their roll-up, scope and target KPIs', async () => {
    const improvements = fakeImprovementsApi();
    renderPage(<ImprovementPage id="IMP-1" />, {
      api: fakeApi(),
      improvements,
      ...asPlatform,
    });
    expect(
      await screen.findByRole('heading', {
        name: 'IMP-1 · Faster CI runners',
      }),
    ).toBeInTheDocument();
    expect((await screen.findByText('20 minutes')).tagName).toBe('STRONG');
    expect(
      screen.getByText('7 votes from 2 teams, 34.5 hours lost per week'),
    ).toBeInTheDocument();
    const linked = screen.getByRole('table', { name: 'Linked requests' });
    expect(
      within(linked).getByRole('link', { name: 'REQ-1 · Slow CI builds' }),
    ).toHaveAttribute('href', '/requests/REQ-1');
    expect(
      within(screen.getByRole('list', { name: 'Target KPIs' })).getByText(
        'Lead time for changes',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Impact is measured once it has shipped.'),
    ).toBeInTheDocument();
    expect(improvements.getImpact).not.toHaveBeenCalled();
  });

  it('ships with If-Match and shows it shipped, with impact not available while the KPI backend has none', async () => {
    const shipped = makeImprovement({
      status: 'shipped',
      shippedAt: '2024-03-01T10:00:00.000Z',
      version: 4,
    });
    const improvements = fakeImprovementsApi({
      shipImprovement: jest.fn(async () => shipped),
    });
    renderPage(<ImprovementPage id="IMP-1" />, {
      api: fakeApi(),
      improvements,
      ...asPlatform,
    });
    expect(
      await screen.findByRole('button', { name: 'Drop' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Ship' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Shipping resolves 2 open request(s)');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Note/ }),
      'Runners doubled.',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ship' }));

    await waitFor(() =>
      expect(improvements.shipImprovement).toHaveBeenCalledWith('IMP-1', 3, {
        comment: 'Runners doubled.',
      }),
    );
    expect(await screen.findByText('Shipped')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Drop' })).toBeNull();
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Impact not available',
    );
    expect(improvements.getImpact).toHaveBeenCalledWith({
      shippedAt: '2024-03-01T10:00:00.000Z',
      windowDays: 30,
      kpi: 'leadTime',
      teams: [CHECKOUT],
      entities: ['component:default/checkout-api'],
    });
  });

  it('says impact is not available when the KPI backend fails', async () => {
    const improvements = fakeImprovementsApi({
      getImprovement: jest.fn(async () =>
        makeImprovement({
          status: 'shipped',
          shippedAt: '2024-03-01T10:00:00Z',
        }),
      ),
      getImpact: jest.fn(async () => {
        throw await responseError(500, 'the KPI backend broke');
      }),
    });
    renderPage(<ImprovementPage id="IMP-1" />, {
      api: fakeApi(),
      improvements,
      ...asPlatform,
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Impact not available',
    );
  });

  it('shows the measured impact beside everyone else', async () => {
    const improvements = fakeImprovementsApi({
      getImprovement: jest.fn(async () =>
        makeImprovement({
          status: 'shipped',
          shippedAt: '2024-03-01T10:00:00Z',
        }),
      ),
      getImpact: jest.fn(async () => ({
        shippedAt: '2024-03-01T10:00:00Z',
        windowDays: 30,
        before: { from: '2024-01-31', to: '2024-03-01' },
        after: { from: '2024-03-01', to: '2024-03-31' },
        afterWindowComplete: true,
        scope: { teams: [], entities: [] },
        kpis: [
          {
            kpi: 'leadTime',
            title: 'Lead time for changes',
            better: 'lower',
            scope: {
              before: { value: 20, n: 40 },
              after: { value: 12, n: 38 },
            },
            rest: { before: { value: 18, n: 90 }, after: { value: 18, n: 95 } },
            test: { name: 'Mann-Whitney U', pValue: 0.01 },
            verdict: 'improved',
            reason: 'p = 0.01 below 0.05',
          },
        ],
      })),
    });
    renderPage(<ImprovementPage id="IMP-1" />, {
      api: fakeApi(),
      improvements,
      ...asPlatform,
    });
    const impact = await screen.findByRole('table', { name: 'Impact' });
    expect(impact).toHaveTextContent('20 (n = 40) → 12 (n = 38)');
    expect(impact).toHaveTextContent('18 (n = 90) → 18 (n = 95)');
    expect(within(impact).getByText('Improved')).toBeInTheDocument();
  });

  it('drops with a reason', async () => {
    const improvements = fakeImprovementsApi({
      transitionImprovement: jest.fn(async () =>
        makeImprovement({ status: 'dropped', dropReason: 'Vendor fixed it' }),
      ),
    });
    renderPage(<ImprovementPage id="IMP-1" />, {
      api: fakeApi(),
      improvements,
      ...asPlatform,
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Drop' }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Drop' });
    expect(confirm).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Vendor fixed it',
    );
    await userEvent.click(confirm);
    await waitFor(() =>
      expect(improvements.transitionImprovement).toHaveBeenCalledWith(
        'IMP-1',
        3,
        { to: 'dropped', reason: 'Vendor fixed it' },
      ),
    );
    expect(await screen.findByText('Vendor fixed it')).toBeInTheDocument();
  });
});
