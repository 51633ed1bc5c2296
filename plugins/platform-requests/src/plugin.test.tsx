import { identityApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { platformRequestsApiRef } from './api';
import { fakeApi, makeRequest, SAM } from './__testUtils__';
import plugin from './plugin';

// The ids app-config uses to enable, disable or configure the extensions.
const EXTENSION_IDS = [
  'api:platform-requests',
  'page:platform-requests',
  'page:platform-requests/new',
  'page:platform-requests/triage',
  'page:platform-requests/request',
  'plugin-header-action:platform-requests/shortcuts',
  'entity-content:platform-requests/entity',
  'entity-content:platform-requests/team',
] as const;

function renderAt(path: string) {
  const api = fakeApi({
    getRequest: jest.fn(async key =>
      makeRequest({ key, title: 'Opened by URL' }),
    ),
  });
  renderTestApp({
    features: [plugin],
    initialRouteEntries: [path],
    // Entity links need the catalog's entity page, as in the app.
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    apis: [
      [platformRequestsApiRef, api],
      [
        catalogApiRef,
        catalogApiMock.mock({
          getEntities: jest.fn(async () => ({ items: [] })),
        }),
      ],
      [permissionApiRef, mockApis.permission()],
      [
        identityApiRef,
        mockApis.identity({ userEntityRef: SAM, ownershipEntityRefs: [SAM] }),
      ],
    ],
  });
  return api;
}

describe('platform-requests plugin', () => {
  it.each(EXTENSION_IDS)('provides %s', id => {
    expect(plugin.getExtension(id)).toBeDefined();
  });

  it('routes /requests/new to the form, not to a request called "new"', async () => {
    const api = renderAt('/requests/new');
    expect(
      await screen.findByRole('form', { name: 'File a request' }),
    ).toBeInTheDocument();
    expect(api.getRequest).not.toHaveBeenCalled();
  });

  it('routes /requests/triage to the board', async () => {
    renderAt('/requests/triage');
    expect(
      await screen.findByRole('region', { name: 'In progress' }),
    ).toBeInTheDocument();
  });

  it('routes /requests/:key to the request', async () => {
    const api = renderAt('/requests/REQ-42');
    expect(
      await screen.findByRole('heading', { name: 'REQ-42 · Opened by URL' }),
    ).toBeInTheDocument();
    expect(api.getRequest).toHaveBeenCalledWith('REQ-42');
  });

  it('shows the list at /requests', async () => {
    const api = renderAt('/requests');
    expect(
      await screen.findByRole('searchbox', { name: 'Search requests' }),
    ).toBeInTheDocument();
    expect(api.listRequests).toHaveBeenCalled();
  });
});
