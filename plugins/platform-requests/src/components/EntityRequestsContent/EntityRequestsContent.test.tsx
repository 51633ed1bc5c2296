import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import {
  CHECKOUT,
  fakeApi,
  makeRequest,
  renderPage,
} from '../../__testUtils__';
import { EntityRequestsContent } from './EntityRequestsContent';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', owner: CHECKOUT },
};
const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe('EntityRequestsContent', () => {
  it('lists the requests about a component', async () => {
    const api = fakeApi({
      listRequests: jest.fn(async () => ({
        items: [makeRequest()],
        nextCursor: null,
        total: 1,
      })),
    });
    renderPage(
      <EntityProvider entity={component}>
        <EntityRequestsContent relation="entity" />
      </EntityProvider>,
      { api },
    );
    expect(await screen.findByText('Faster CI runners')).toBeInTheDocument();
    expect(api.listRequests).toHaveBeenCalledWith({
      entity: 'component:default/checkout-api',
      sort: '-priority',
      limit: 25,
    });
    expect(
      screen.getByRole('link', { name: 'Open in the request list' }),
    ).toHaveAttribute(
      'href',
      '/requests?entity=component%3Adefault%2Fcheckout-api',
    );
  });

  it('lists the requests a team filed on its Group page', async () => {
    const api = fakeApi();
    renderPage(
      <EntityProvider entity={group}>
        <EntityRequestsContent relation="team" />
      </EntityProvider>,
      { api },
    );
    await waitFor(() =>
      expect(api.listRequests).toHaveBeenCalledWith({
        team: ['group:default/checkout-team'],
        sort: '-priority',
        limit: 25,
      }),
    );
    expect(
      await screen.findByText('This team has not filed any requests.'),
    ).toBeInTheDocument();
  });
});
