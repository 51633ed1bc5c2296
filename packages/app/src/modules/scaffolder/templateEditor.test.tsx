import { ConfigReader } from '@backstage/config';
import { createApp } from '@backstage/frontend-defaults';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { scaffolderApiMock } from '@backstage/plugin-scaffolder-react/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { templateEditorModule } from '.';

/*
 * The whole app (createApp, as App.tsx), because the Template Editor's
 * condition is a permission the app asks after sign-in, which the test
 * app of frontend-test-utils does not wait for. The policy's answer for
 * scaffolder.template.management is the platform team's (allowed) or
 * anyone else's (denied).
 */
function openApp(path: string, mayManageTemplates: boolean) {
  const asked: string[] = [];
  const apis = createFrontendModule({
    pluginId: 'app',
    extensions: [
      ApiBlueprint.make({
        name: 'permission',
        params: define =>
          define({
            api: permissionApiRef,
            deps: {},
            factory: () => ({
              authorize: async request => {
                asked.push(request.permission.name);
                return {
                  result: mayManageTemplates
                    ? AuthorizeResult.ALLOW
                    : AuthorizeResult.DENY,
                };
              },
              authorizeConditional: async () => ({
                result: AuthorizeResult.DENY,
              }),
            }),
          }),
      }),
      // Signed in at once, as whoever: the permission decides.
      SignInPageBlueprint.make({
        params: {
          loader: async () => props => {
            useEffect(() => props.onSignInSuccess(mockApis.identity()));
            return null;
          },
        },
      }),
      ApiBlueprint.make({
        name: 'test-catalog',
        params: define =>
          define({
            api: catalogApiRef,
            deps: {},
            factory: () => catalogApiMock({ entities: [] }),
          }),
      }),
    ],
  });
  const scaffolderApi = createFrontendModule({
    pluginId: 'scaffolder',
    extensions: [
      ApiBlueprint.make({
        params: define =>
          define({
            api: scaffolderApiRef,
            deps: {},
            factory: () =>
              scaffolderApiMock.mock({ listActions: async () => [] }),
          }),
      }),
    ],
  });
  window.history.pushState({}, '', path);
  const app = createApp({
    features: [scaffolderPlugin, templateEditorModule, apis, scaffolderApi],
    advanced: {
      configLoader: async () => ({
        config: new ConfigReader({
          app: { title: 'Test', baseUrl: 'http://localhost' },
          backend: { baseUrl: 'http://localhost:7007' },
        }),
      }),
    },
  });
  render(app.createRoot());
  return asked;
}

const tabNames = () =>
  screen.getAllByRole('tab').map(tab => tab.textContent?.trim());

describe('the Template Editor', () => {
  it('is a tab of the Create page for those who manage templates', async () => {
    const asked = openApp('/create/actions', true);
    expect(await screen.findByRole('tab', { name: 'Tasks' })).toBeVisible();
    expect(tabNames()).toContain('Template Editor');
    expect(asked).toEqual(['scaffolder.template.management']);
  });

  it('is no tab for anyone else', async () => {
    openApp('/create/actions', false);
    expect(await screen.findByRole('tab', { name: 'Tasks' })).toBeVisible();
    expect(tabNames()).toEqual(
      expect.arrayContaining(['Templates', 'Tasks', 'Actions']),
    );
    expect(tabNames()).not.toContain('Template Editor');
  });

  it('says whose it is to anyone else who opens /create/edit', async () => {
    openApp('/create/edit', false);
    expect(
      await screen.findByText('The Template Editor is for the platform team'),
    ).toBeVisible();
    expect(
      screen.getByRole('link', { name: 'Back to the templates' }),
    ).toHaveAttribute('href', '/create');
  });

  it('opens at /create/edit for those who manage templates', async () => {
    openApp('/create/edit', true);
    expect(
      await screen.findByRole('tab', { name: 'Template Editor' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(
      screen.queryByText('The Template Editor is for the platform team'),
    ).not.toBeInTheDocument();
  });
});
