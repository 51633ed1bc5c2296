import { SignInPageBlueprint } from '@backstage/plugin-app-react';

// Offers the providers named in `lodestar.signIn.providers` (guest in the
// embedded default, real providers in production).
export const SignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => {
      const { ConfiguredSignInPage } = await import('./ConfiguredSignInPage');
      return ConfiguredSignInPage;
    },
  },
});
