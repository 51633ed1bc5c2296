import { withoutUnconfiguredSources } from './catalogSources';

describe('withoutUnconfiguredSources', () => {
  it('leaves config without provider sections alone', () => {
    expect(withoutUnconfiguredSources({ app: { title: 'x' } })).toBeUndefined();
    expect(
      withoutUnconfiguredSources({ catalog: { locations: [] } }),
    ).toBeUndefined();
  });

  it('removes sources whose switch variable was unset, keeps the others', () => {
    // What the loader leaves of `${LDAP_URL}` etc. when they are unset.
    const data = {
      catalog: {
        rules: [{ allow: ['Component'] }],
        providers: {
          ldapOrg: { default: { bind: {}, users: [{ dn: 'ou=people' }] } },
          microsoftGraphOrg: {
            default: { tenantId: 'tenant', clientId: 'c' },
          },
          githubOrg: { githubUrl: 'https://github.com' },
          github: { company: { catalogPath: '/catalog-info.yaml' } },
          gitlab: {
            one: { host: 'gitlab.example.com' },
            two: { group: 'x' },
          },
          somethingElse: { keep: true },
        },
      },
    };
    expect(withoutUnconfiguredSources(data)).toEqual({
      catalog: {
        rules: [{ allow: ['Component'] }],
        providers: {
          microsoftGraphOrg: {
            default: { tenantId: 'tenant', clientId: 'c' },
          },
          gitlab: { one: { host: 'gitlab.example.com' } },
          somethingElse: { keep: true },
        },
      },
    });
  });

  it('keeps a configured GitHub organisation, as a list', () => {
    const entry = {
      id: 'company',
      githubUrl: 'https://github.com',
      orgs: ['a'],
    };
    expect(
      withoutUnconfiguredSources({
        catalog: { providers: { githubOrg: [entry, { orgs: [] }] } },
      }),
    ).toEqual({ catalog: { providers: { githubOrg: [entry] } } });
    expect(
      withoutUnconfiguredSources({
        catalog: { providers: { githubOrg: entry } },
      }),
    ).toBeUndefined();
  });
});
