import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import {
  CHECKOUT,
  fakeApi,
  makeEmptyDora,
  makeFlow,
  renderPage,
  responseError,
} from '../../__testUtils__';
import { TeamDeliveryCard } from './TeamDeliveryCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

function render(api = fakeApi()) {
  renderPage(
    <EntityProvider entity={group}>
      <TeamDeliveryCard />
    </EntityProvider>,
    { api },
  );
  return api;
}

describe('TeamDeliveryCard', () => {
  it('shows the team’s 90-day DORA tier, its four keys and its open requests', async () => {
    const api = render(
      fakeApi({
        getFlow: jest.fn(async () =>
          makeFlow({ backlog: { open: 4, ages: [] } }),
        ),
      }),
    );
    expect(
      await screen.findByTitle('DORA tier, last 90 days: Medium'),
    ).toBeInTheDocument();
    const dora = screen.getByRole('group', { name: 'DORA, last 90 days' });
    expect(dora).toHaveTextContent('Deployments1.40 / day');
    expect(dora).toHaveTextContent('Lead time3.2 h');
    expect(dora).toHaveTextContent('Change failure rate8.0 %');
    expect(dora).toHaveTextContent('Time to restore2.1 d');
    expect(await screen.findByTestId('open-requests')).toHaveTextContent('4');
    expect(api.getDora).toHaveBeenCalledWith({ window: '90d', team: CHECKOUT });
    expect(api.getFlow).toHaveBeenCalledWith({ window: '90d', team: CHECKOUT });
  });

  it('links to the team’s KPIs and to the requests it filed', async () => {
    render();
    const team = encodeURIComponent(CHECKOUT);
    expect(
      await screen.findByRole('link', { name: 'Team KPIs' }),
    ).toHaveAttribute('href', `/kpis?team=${team}`);
    expect(screen.getByRole('link', { name: 'Team requests' })).toHaveAttribute(
      'href',
      `/requests?team=${team}`,
    );
  });

  it('says how to get numbers when the team has no deployments', async () => {
    render(fakeApi({ getDora: jest.fn(async () => makeEmptyDora()) }));
    expect(
      await screen.findByText(/No production deployments in this window/),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('open-requests')).toHaveTextContent('23');
  });

  it('keeps the open requests when DORA fails', async () => {
    render(
      fakeApi({
        getDora: jest.fn(async () => {
          throw await responseError(503, 'database is starting');
        }),
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'database is starting',
    );
    await waitFor(() =>
      expect(screen.getByTestId('open-requests')).toHaveTextContent('23'),
    );
  });
});
