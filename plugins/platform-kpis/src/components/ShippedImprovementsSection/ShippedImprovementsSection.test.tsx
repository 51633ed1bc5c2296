import { screen, within } from '@testing-library/react';
import {
  CHECKOUT,
  fakeApi,
  makeDora,
  makeImpact,
  renderPage,
  responseError,
} from '../../__testUtils__';
import { KpiPage } from '../KpiPage';

const FASTER_CI = {
  id: 'imp-1',
  title: 'Faster CI runners',
  status: 'shipped',
  shippedAt: '2026-03-01T00:00:00.000Z',
  scope: { teams: [CHECKOUT], entities: [] },
  targetKpis: ['leadTime', 'notAKpi'],
};

describe('Shipped improvements on the KPI page', () => {
  it('lists each shipped improvement with its impact', async () => {
    const api = fakeApi({
      getShippedImprovements: jest.fn(async () => [FASTER_CI]),
    });
    renderPage(<KpiPage />, { api, initialRouteEntries: ['/kpis'] });

    const section = await screen.findByRole('region', {
      name: 'Shipped improvements',
    });
    const improvement = await within(section).findByRole('group', {
      name: 'Faster CI runners',
    });
    expect(improvement).toHaveTextContent('Shipped Mar 1 for Checkout.');
    const row = within(improvement).getByRole('row', {
      name: /Lead time for changes/,
    });
    expect(row).toHaveTextContent('15.5 h → 6.5 h');
    expect(row).toHaveTextContent('n = 24 / 24');
    expect(row).toHaveTextContent('10.0 h → 10.0 h');
    expect(row).toHaveTextContent('Improved');
    expect(row).toHaveTextContent(
      'the rest of the organisation did not change',
    );
    // Only the KPIs the backend knows, with the improvement's scope.
    expect(api.getImpact).toHaveBeenCalledWith({
      shippedAt: '2026-03-01T00:00:00.000Z',
      windowDays: 30,
      kpis: ['leadTime'],
      teams: [CHECKOUT],
      entities: [],
    });
  });

  it('says when the after window is still running, and keeps a failed impact in its place', async () => {
    const api = fakeApi({
      getShippedImprovements: jest.fn(async () => [
        FASTER_CI,
        { ...FASTER_CI, id: 'imp-2', title: 'Runbooks' },
      ]),
      getImpact: jest
        .fn()
        .mockResolvedValueOnce(makeImpact({ afterWindowComplete: false }))
        .mockRejectedValueOnce(await responseError(500, 'database down')),
    });
    renderPage(<KpiPage />, { api, initialRouteEntries: ['/kpis'] });

    const ci = await screen.findByRole('group', { name: 'Faster CI runners' });
    expect(ci).toHaveTextContent('the after window is still running');
    const runbooks = screen.getByRole('group', { name: 'Runbooks' });
    expect(runbooks).toHaveTextContent('database down');
  });

  it('shows nothing while nothing has shipped', async () => {
    const api = fakeApi();
    renderPage(<KpiPage />, { api, initialRouteEntries: ['/kpis'] });
    await screen.findByRole('region', { name: 'DORA' });
    await screen.findByRole('group', { name: 'Deployment frequency' });
    expect(api.getShippedImprovements).toHaveBeenCalled();
    expect(
      screen.queryByRole('region', { name: 'Shipped improvements' }),
    ).not.toBeInTheDocument();
  });

  it('names the ship dates the DORA charts mark', async () => {
    const dora = makeDora();
    const inWindow = dora.series[3].start;
    const api = fakeApi({
      getDora: jest.fn(async () => dora),
      getShippedImprovements: jest.fn(async () => [
        { ...FASTER_CI, shippedAt: inWindow },
      ]),
    });
    renderPage(<KpiPage />, { api, initialRouteEntries: ['/kpis'] });
    expect(
      await screen.findByText(/Dashed lines: ship dates of Faster CI runners/),
    ).toBeInTheDocument();
  });
});
