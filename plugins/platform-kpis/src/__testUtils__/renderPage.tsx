/*
 * renderInTestApp with what every screen of the plugin needs: the fake API,
 * a catalog with two teams, and the routes the screens link to mounted.
 */
import { Entity } from '@backstage/catalog-model';
import {
  mockApis,
  renderInTestApp,
  TestAppRenderResult,
} from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { LOCALE_SETTING } from '@internal/lodestar-react';
import { PlatformKpisApi, platformKpisApiRef } from '../api';
import { requestListRouteRef, rootRouteRef } from '../routes';

export const TEAMS: Entity[] = [
  ['checkout-team', 'Checkout'],
  ['payments-team', 'Payments'],
].map(([name, displayName]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', profile: { displayName }, children: [] },
}));

export type RenderPageOptions = {
  api: PlatformKpisApi;
  catalog?: Parameters<typeof catalogApiMock.mock>[0];
  initialRouteEntries?: string[];
  /** Permission names the signed-in person is refused; everything else is allowed. */
  deny?: string[];
  /** The person's "Date and number format"; none: the browser's (en-US). */
  locale?: string;
};

export type RenderPageResult = TestAppRenderResult & {
  catalog: ReturnType<typeof catalogApiMock.mock>;
};

export function renderPage(
  element: JSX.Element,
  options: RenderPageOptions,
): RenderPageResult {
  const catalog = catalogApiMock.mock({
    getEntities: jest.fn(async () => ({ items: TEAMS })),
    getEntityByRef: jest.fn(async () => undefined),
    ...options.catalog,
  });
  const result = renderInTestApp(element, {
    initialRouteEntries: options.initialRouteEntries,
    mountedRoutes: {
      '/kpis': rootRouteRef,
      '/requests': requestListRouteRef,
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
      [platformKpisApiRef, options.api],
      [catalogApiRef, catalog],
      [
        permissionApiRef,
        mockApis.permission({
          authorize: r =>
            options.deny?.includes(r.permission.name) ? 'DENY' : 'ALLOW',
        }),
      ],
    ],
  });
  return { ...result, catalog };
}
