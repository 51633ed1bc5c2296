/*
 * The org source checks against the real app-config.production.yaml, loaded
 * as Backstage loads it with a chosen environment: each switched-on source
 * missing a secret is named by its variable, read from the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Config } from '@backstage/config';
import { ConfigSources } from '@backstage/config-loader';
import { repoRoot } from '@internal/testing';
import YAML from 'yaml';
import { checkOrgSources, RawConfigFiles } from './orgSourceChecks';

const PRODUCTION = path.join(repoRoot, 'app-config.production.yaml');

async function findings(
  env: Record<string, string>,
  extra?: Record<string, unknown>,
) {
  const argv = ['node', 'index', '--config', PRODUCTION];
  const docs: unknown[] = [YAML.parse(fs.readFileSync(PRODUCTION, 'utf8'))];
  if (extra) {
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-org-')),
      'extra.yaml',
    );
    fs.writeFileSync(file, YAML.stringify(extra));
    argv.push('--config', file);
    docs.push(extra);
  }
  const config: Config = await ConfigSources.toConfig(
    ConfigSources.default({
      argv,
      watch: false,
      substitutionFunc: async name => env[name],
    }),
  );
  try {
    return checkOrgSources(config, new RawConfigFiles(docs));
  } finally {
    (config as { close?: () => void }).close?.();
  }
}

const BASE = { GITHUB_TOKEN: 'a-token' };

describe('org source checks', () => {
  it('warns once, without failing, when no org source is configured', async () => {
    const result = await findings(BASE);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^no org source is configured/);
    expect(result.warnings[0]).toContain('docs/operations.md');
  });

  it('does not warn when LDAP is the org source', async () => {
    const result = await findings({ ...BASE, LDAP_URL: 'ldap://127.0.0.1' });
    expect(result.warnings).toEqual([]);
  });

  const LDAP = {
    LDAP_URL: 'ldap://127.0.0.1:1389',
    LDAP_BIND_DN: 'cn=lodestar,dc=example,dc=org',
    LDAP_BIND_SECRET: 'secret',
    LDAP_USERS_BASE_DN: 'ou=people,dc=example,dc=org',
    LDAP_GROUPS_BASE_DN: 'ou=groups,dc=example,dc=org',
  };

  it('says nothing about a fully configured LDAP directory', async () => {
    expect(await findings({ ...BASE, ...LDAP })).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('names the variables of a missing LDAP bind secret and base DNs', async () => {
    const {
      LDAP_BIND_SECRET: _secret,
      LDAP_USERS_BASE_DN: _users,
      LDAP_GROUPS_BASE_DN: _groups,
      ...partial
    } = LDAP;
    const result = await findings({ ...BASE, ...partial });
    expect(result.errors).toEqual([
      'LDAP org sync: LDAP_BIND_SECRET is not set (catalog.providers.ldapOrg.default.bind.secret)',
      'LDAP org sync: LDAP_USERS_BASE_DN is not set (catalog.providers.ldapOrg.default.users[0].dn)',
      'LDAP org sync: LDAP_GROUPS_BASE_DN is not set (catalog.providers.ldapOrg.default.groups[0].dn)',
    ]);
  });

  it('says nothing about a source that is fully configured', async () => {
    const result = await findings({
      ...BASE,
      AZURE_TENANT_ID: 'tenant',
      AZURE_CLIENT_ID: 'client',
      AZURE_CLIENT_SECRET: 'secret',
    });
    expect(result).toEqual({ errors: [], warnings: [] });
  });

  it('names the variable of a missing Entra ID secret', async () => {
    const result = await findings({
      ...BASE,
      AZURE_TENANT_ID: 'tenant',
      AZURE_CLIENT_ID: 'client',
    });
    expect(result.errors).toEqual([
      'Microsoft Entra ID org sync: AZURE_CLIENT_SECRET is not set (catalog.providers.microsoftGraphOrg.default.clientSecret)',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('names both variables when the app registration is missing', async () => {
    const result = await findings({ ...BASE, AZURE_TENANT_ID: 'tenant' });
    expect(result.errors).toEqual([
      'Microsoft Entra ID org sync: AZURE_CLIENT_ID is not set (catalog.providers.microsoftGraphOrg.default.clientId)',
      'Microsoft Entra ID org sync: AZURE_CLIENT_SECRET is not set (catalog.providers.microsoftGraphOrg.default.clientSecret)',
    ]);
  });

  it('follows the file when it fills the key from another variable', async () => {
    const result = await findings(
      { ...BASE, AZURE_TENANT_ID: 'tenant', AZURE_CLIENT_ID: 'client' },
      {
        catalog: {
          providers: {
            microsoftGraphOrg: {
              default: { clientSecret: '${ENTRA_SYNC_SECRET}' },
            },
          },
        },
      },
    );
    expect(result.errors).toEqual([
      'Microsoft Entra ID org sync: ENTRA_SYNC_SECRET is not set (catalog.providers.microsoftGraphOrg.default.clientSecret)',
    ]);
  });

  it('names the token of the GitHub integration the org sync reads with', async () => {
    const result = await findings({ GITHUB_ORG_SYNC_ORG: 'tidewater' });
    expect(result.errors).toEqual([
      'GitHub organisation org sync: GITHUB_TOKEN is not set (integrations.github[0].token)',
    ]);
  });

  it('asks for an integration entry for a GitHub Enterprise host', async () => {
    const result = await findings({
      ...BASE,
      GITHUB_ORG_SYNC_ORG: 'tidewater',
      GITHUB_ORG_SYNC_URL: 'https://github.tidewater.example',
    });
    expect(result.errors).toEqual([
      'GitHub organisation org sync: integrations.github has no entry for github.tidewater.example (the host of githubUrl)',
    ]);
  });

  it('accepts a GitHub organisation read with the integration token', async () => {
    const result = await findings({
      ...BASE,
      GITHUB_ORG_SYNC_ORG: 'tidewater',
    });
    expect(result).toEqual({ errors: [], warnings: [] });
  });
});
