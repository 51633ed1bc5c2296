/*
 * The generic OpenID Connect sign-in (auth.providers.oidc on the backend):
 * Backstage ships API refs for named providers only, so the app defines one.
 */
import { OAuth2 } from '@backstage/core-app-api';
import {
  ApiBlueprint,
  BackstageIdentityApi,
  configApiRef,
  createApiRef,
  discoveryApiRef,
  OpenIdConnectApi,
  oauthRequestApiRef,
  ProfileInfoApi,
  SessionApi,
} from '@backstage/frontend-plugin-api';

export const oidcAuthApiRef = createApiRef<
  OpenIdConnectApi & ProfileInfoApi & BackstageIdentityApi & SessionApi
>({ id: 'auth.lodestar-oidc' });

export const oidcAuthApi = ApiBlueprint.make({
  name: 'oidc-auth',
  params: defineParams =>
    defineParams({
      api: oidcAuthApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        oauthRequestApi: oauthRequestApiRef,
        configApi: configApiRef,
      },
      factory: ({ discoveryApi, oauthRequestApi, configApi }) =>
        OAuth2.create({
          configApi,
          discoveryApi,
          oauthRequestApi,
          provider: { id: 'oidc', title: 'Company sign-in', icon: () => null },
          environment: configApi.getOptionalString('auth.environment'),
          defaultScopes: ['openid', 'profile', 'email'],
        }),
    }),
});
