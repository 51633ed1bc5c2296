import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { HomePage } from './HomePage';

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

function render(ownershipEntityRefs: string[]) {
  return renderInTestApp(<HomePage />, {
    apis: [
      [
        catalogApiRef,
        catalogApiMock({
          entities: [
            component('checkout-api', 'group:default/checkout-team'),
            component('payment-gateway', 'group:default/payments-team'),
          ],
        }),
      ],
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: 'user:default/sam.rivera',
          ownershipEntityRefs,
        }),
      ],
    ],
  });
}

describe('HomePage', () => {
  it('offers the portal’s entry points and a search field', async () => {
    render(['user:default/sam.rivera']);
    expect(
      await screen.findByRole('heading', { name: 'Lodestar' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Software catalog')).toBeInTheDocument();
    expect(screen.getByText('Create something new')).toBeInTheDocument();
    expect(screen.getByLabelText('Search the portal')).toBeInTheDocument();
  });

  it('lists what the user’s team owns, and nothing else', async () => {
    render(['user:default/sam.rivera', 'group:default/checkout-team']);
    const owned = await screen.findByTestId('owned-entities');
    expect(owned).toHaveTextContent('checkout-api');
    expect(owned).not.toHaveTextContent('payment-gateway');
  });

  it('says how to get something owned when there is nothing yet', async () => {
    render(['user:default/new.joiner']);
    expect(
      await screen.findByText(/Nothing is owned by you or your team yet/),
    ).toBeInTheDocument();
  });
});
