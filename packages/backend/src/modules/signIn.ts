/*
 * Sign-in for people: generic OpenID Connect (Keycloak, Entra ID, Okta, the
 * demo provider of `npm start -- --users`) and GitHub. Both use one resolver:
 * the person's verified email must belong to exactly one catalog User, whose
 * groups then decide what they may do. Anyone else is refused with a message
 * that says what to do about it. A provider only activates where
 * `auth.providers.<id>` is configured.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
  SignInInfo,
  SignInResolver,
  AuthResolverContext,
} from '@backstage/plugin-auth-node';
import { oidcAuthenticator } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { githubAuthenticator } from '@backstage/plugin-auth-backend-module-github-provider';
import { retryingAuthenticator } from './retryingAuthenticator';

/** Resolves a signed-in person to the catalog User with their email. */
export async function signInByCatalogEmail(
  info: SignInInfo<unknown>,
  ctx: AuthResolverContext,
) {
  const email = info.profile.email?.trim();
  if (!email) {
    throw new NotAllowedError(
      'Sign-in refused: your identity provider sent no verified email address, and Lodestar finds people in its catalog by email.',
    );
  }
  try {
    return await ctx.signInWithCatalogUser({
      filter: { 'spec.profile.email': email },
    });
  } catch (error: any) {
    if (error?.name === 'NotFoundError') {
      throw new NotAllowedError(
        `Sign-in refused: no one in the Lodestar catalog has the email ${email}. Ask the platform team to add you as a catalog User.`,
      );
    }
    throw error;
  }
}

const resolver = signInByCatalogEmail as SignInResolver<any>;

export const authModuleLodestarSignIn = createBackendModule({
  pluginId: 'auth',
  moduleId: 'lodestar-sign-in',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'oidc',
          factory: createOAuthProviderFactory({
            authenticator: retryingAuthenticator(oidcAuthenticator),
            signInResolver: resolver,
          }),
        });
        providers.registerProvider({
          providerId: 'github',
          factory: createOAuthProviderFactory({
            authenticator: githubAuthenticator,
            signInResolver: resolver,
          }),
        });
      },
    });
  },
});
