import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor } from '@testing-library/react';
import { HomePage } from './HomePage';

const checkoutApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/checkout-team' },
};

const SAM = ['user:default/sam.rivera', 'group:default/checkout-team'];

// The catalog does the ownership filtering (the browser test covers it end
// to end); here the page must ask for the right thing and show the answer.
function render(owned: Entity[]) {
  const getEntities = jest.fn(async () => ({ items: owned }));
  renderInTestApp(<HomePage />, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    apis: [
      [catalogApiRef, catalogApiMock.mock({ getEntities })],
      [starredEntitiesApiRef, new MockStarredEntitiesApi()],
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: SAM[0],
          ownershipEntityRefs: SAM,
        }),
      ],
    ],
  });
  return getEntities;
}

describe('HomePage', () => {
  it('offers the portal’s entry points and a search field', async () => {
    render([]);
    expect(
      await screen.findByRole('heading', { name: 'Lodestar' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Software catalog')).toBeInTheDocument();
    expect(screen.getByText('Create something new')).toBeInTheDocument();
    expect(screen.getByLabelText('Search the portal')).toBeInTheDocument();
  });

  it('lists what the user and their teams own', async () => {
    const getEntities = render([checkoutApi]);
    const owned = await screen.findByTestId('owned-entities');
    expect(owned).toHaveTextContent('checkout-api');
    expect(owned).toHaveTextContent('component · service');
    await waitFor(() =>
      expect(getEntities).toHaveBeenCalledWith(
        expect.objectContaining({
          filter: {
            kind: ['Component', 'API', 'System', 'Resource'],
            'relations.ownedBy': SAM,
          },
        }),
      ),
    );
  });

  it('says how to get something owned when there is nothing yet', async () => {
    render([]);
    expect(
      await screen.findByText(/Nothing is owned by you or your team yet/),
    ).toBeInTheDocument();
  });
});
