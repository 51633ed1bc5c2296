import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { CHECKOUT_API, fakeApi, renderPage } from '../../__testUtils__';
import { ServiceDeliveryCard } from './ServiceDeliveryCard';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/checkout-team' },
};

function render(api = fakeApi()) {
  renderPage(
    <EntityProvider entity={component}>
      <ServiceDeliveryCard />
    </EntityProvider>,
    { api },
  );
  return api;
}

describe('ServiceDeliveryCard', () => {
  it('shows 30 days of deployments, failures and restore time', async () => {
    const api = render();
    const metrics = await screen.findByRole('group', { name: 'Last 30 days' });
    expect(metrics).toHaveTextContent('Deployments1.40 / day');
    expect(metrics).toHaveTextContent('Change failure rate8.0 %');
    expect(metrics).toHaveTextContent('Time to restore2.1 d');
    expect(api.getDora).toHaveBeenCalledWith({
      window: '30d',
      service: CHECKOUT_API,
    });
  });

  it('lists the latest deployments and incidents', async () => {
    const api = render();
    const list = await screen.findByRole('list', {
      name: 'Latest deployments and incidents',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('Incident (sev2) opened');
    expect(items[0]).toHaveTextContent('still open');
    expect(items[1]).toHaveTextContent('Deployment to production succeeded');
    expect(items[1]).toHaveTextContent('lead time 3.0 h');
    expect(items[1]).toHaveTextContent('caused an incident');
    expect(items[2]).toHaveTextContent('Deployment to production failed');
    expect(api.getRecentEvents).toHaveBeenCalledWith({
      service: CHECKOUT_API,
      limit: 10,
    });
  });

  it('links to the service’s KPIs over the same 30 days', async () => {
    render();
    expect(
      await screen.findByRole('link', { name: 'Service KPIs' }),
    ).toHaveAttribute(
      'href',
      `/kpis?window=30d&service=${encodeURIComponent(CHECKOUT_API)}`,
    );
  });

  it('says how to send events when there are none', async () => {
    render(fakeApi({ getRecentEvents: jest.fn(async () => ({ items: [] })) }));
    expect(
      await screen.findByText(/No deployments or incidents yet/),
    ).toBeInTheDocument();
  });
});
