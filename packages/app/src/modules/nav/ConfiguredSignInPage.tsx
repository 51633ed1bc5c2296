import { SignInPage, SignInProviderConfig } from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import { oidcAuthApiRef } from './oidcAuthApi';

const known: Record<string, SignInProviderConfig> = {
  oidc: {
    id: 'oidc-auth-provider',
    title: 'Company account',
    message: 'Sign in with your organisation’s single sign-on',
    apiRef: oidcAuthApiRef,
  },
  github: {
    id: 'github-auth-provider',
    title: 'GitHub',
    message: 'Sign in with your GitHub account',
    apiRef: githubAuthApiRef,
  },
};

export const ConfiguredSignInPage = (props: SignInPageProps) => {
  const config = useApi(configApiRef);
  const names = config.getOptionalStringArray('lodestar.signIn.providers') ?? [
    'guest',
  ];
  const providers = names
    .map(name => (name === 'guest' ? ('guest' as const) : known[name]))
    .filter(Boolean);
  return (
    <SignInPage
      {...props}
      title="Welcome to Lodestar"
      align="center"
      providers={providers}
    />
  );
};
