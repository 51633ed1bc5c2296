import { renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { platformKpisApiRef } from './api';
import { fakeApi } from './__testUtils__';
import plugin from './plugin';

// The ids app-config uses to enable, disable or configure the extensions.
const EXTENSION_IDS = [
  'api:platform-kpis',
  'page:platform-kpis',
  'entity-card:platform-kpis/team-delivery',
  'entity-card:platform-kpis/service-delivery',
] as const;

describe('platform-kpis plugin', () => {
  it.each(EXTENSION_IDS)('provides %s', id => {
    expect(plugin.getExtension(id)).toBeDefined();
  });

  it('shows the KPI page at /kpis', async () => {
    const api = fakeApi();
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/kpis?window=7d'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [platformKpisApiRef, api],
        [
          catalogApiRef,
          catalogApiMock.mock({
            getEntities: jest.fn(async () => ({ items: [] })),
          }),
        ],
      ],
    });
    expect(
      await screen.findByRole('group', { name: 'Deployment frequency' }),
    ).toBeInTheDocument();
    expect(api.getDora).toHaveBeenCalledWith({
      window: '7d',
      include: ['previous', 'series', 'breakdown'],
    });
  });
});
