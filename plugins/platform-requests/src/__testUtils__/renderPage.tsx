/*
 * renderInTestApp with what every page of the plugin needs: the fake API,
 * a signed-in user, permissions, a catalog and the plugin's routes mounted.
 */
import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/frontend-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestAppRenderResult,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { LOCALE_SETTING } from '@internal/lodestar-react';
import {
  ImprovementsApi,
  improvementsApiRef,
  PlatformRequestsApi,
  platformRequestsApiRef,
} from '../api';
import {
  effortRouteRef,
  improvementRouteRef,
  improvementsRouteRef,
  newImprovementRouteRef,
  newRequestRouteRef,
  requestRouteRef,
  rootRouteRef,
  triageRouteRef,
} from '../routes';
import { CHECKOUT, fakeImprovementsApi, SAM } from './fixtures';

export const GROUPS: Entity[] = [
  ['checkout-team', 'Checkout'],
  ['payments-team', 'Payments'],
  ['platform-team', 'Platform'],
].map(([name, displayName]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', profile: { displayName }, children: [] },
}));

export const PLATFORM_MEMBERS: Entity[] = [
  ['priya.nair', 'Priya Nair'],
  ['tomas.lindqvist', 'Tomas Lindqvist'],
].map(([name, displayName]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName }, memberOf: ['platform-team'] },
}));

export type RenderPageOptions = {
  api: PlatformRequestsApi;
  /** The improvements API; a fake with nothing in it when not given. */
  improvements?: ImprovementsApi;
  /** Permission names that are denied; everything else is allowed. */
  deny?: string[];
  user?: string;
  groups?: string[];
  catalog?: Parameters<typeof catalogApiMock.mock>[0];
  initialRouteEntries?: string[];
  /** The person's "Date and number format"; none: the browser's (en-US). */
  locale?: string;
};

export type RenderPageResult = TestAppRenderResult & {
  catalog: ReturnType<typeof catalogApiMock.mock>;
  authorize: jest.Mock;
};

export function renderPage(
  element: JSX.Element,
  options: RenderPageOptions,
): RenderPageResult {
  const deny = new Set(options.deny ?? []);
  const authorize = jest.fn((request: { permission: { name: string } }) =>
    deny.has(request.permission.name) ? ('DENY' as const) : ('ALLOW' as const),
  );
  const catalog = catalogApiMock.mock({
    getEntities: jest.fn(async (request?: any) => {
      const kind = request?.filter?.kind;
      if (kind === 'Group') return { items: GROUPS };
      if (kind === 'User') return { items: PLATFORM_MEMBERS };
      return { items: [] };
    }),
    queryEntities: jest.fn(async () => ({
      items: [],
      totalItems: 0,
      pageInfo: {},
    })),
    ...options.catalog,
  });
  const result = renderInTestApp(element, {
    initialRouteEntries: options.initialRouteEntries,
    mountedRoutes: {
      '/requests': rootRouteRef,
      '/requests/new': newRequestRouteRef,
      '/requests/triage': triageRouteRef,
      '/requests/effort': effortRouteRef,
      '/requests/:key': requestRouteRef,
      '/improvements': improvementsRouteRef,
      '/improvements/new': newImprovementRouteRef,
      '/improvements/:id': improvementRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
    apis: [
      mockApis.storage({
        data: options.locale
          ? {
              [LOCALE_SETTING.bucket]: { [LOCALE_SETTING.key]: options.locale },
            }
          : {},
      }),
      [platformRequestsApiRef, options.api],
      [improvementsApiRef, options.improvements ?? fakeImprovementsApi()],
      [catalogApiRef, catalog],
      [permissionApiRef, mockApis.permission({ authorize: r => authorize(r) })],
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: options.user ?? SAM,
          ownershipEntityRefs: [
            options.user ?? SAM,
            ...(options.groups ?? [CHECKOUT]),
          ],
        }),
      ],
    ],
  });
  return { ...result, catalog, authorize };
}
