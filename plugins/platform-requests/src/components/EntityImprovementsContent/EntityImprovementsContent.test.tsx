import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import {
  CHECKOUT,
  fakeApi,
  fakeImprovementsApi,
  makeImprovement,
  renderPage,
} from '../../__testUtils__';
import { EntityImprovementsContent } from './EntityImprovementsContent';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe('EntityImprovementsContent', () => {
  it('lists the improvements made for the team', async () => {
    const improvements = fakeImprovementsApi({
      listImprovements: jest.fn(async () => [makeImprovement()]),
    });
    renderPage(
      <EntityProvider entity={group}>
        <EntityImprovementsContent />
      </EntityProvider>,
      { api: fakeApi(), improvements },
    );
    expect(
      await screen.findByRole('link', { name: 'IMP-1 · Faster CI runners' }),
    ).toHaveAttribute('href', '/improvements/IMP-1');
    expect(improvements.listImprovements).toHaveBeenCalledWith({
      team: CHECKOUT,
    });
  });

  it('says when there are none', async () => {
    renderPage(
      <EntityProvider entity={group}>
        <EntityImprovementsContent />
      </EntityProvider>,
      { api: fakeApi() },
    );
    expect(await screen.findByText('None yet.')).toBeInTheDocument();
  });
});
