import { mockServices } from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { createLdapOrgSync } from './module';

// The upstream provider stands in as a fake whose read() applies the
// mutation given; the real one runs against slapd in orgSync.ldap.test.ts.
function setUp(readResult: () => Promise<any[]>) {
  let connection: EntityProviderConnection | undefined;
  const inner = {
    getProviderName: () => 'LdapOrgEntityProvider:default',
    connect: async (c: EntityProviderConnection) => {
      connection = c;
    },
    read: async () => {
      const entities = await readResult();
      await connection!.applyMutation({
        type: 'full',
        entities: entities.map(entity => ({ entity, locationKey: 'ldap' })),
      });
    },
  };
  const catalog = { applyMutation: jest.fn(), refresh: jest.fn() };
  const scheduler = mockServices.scheduler.mock();
  const logger = mockServices.logger.mock();
  const provider = createLdapOrgSync({
    inner,
    id: 'default',
    target: 'ldaps://reader:pw@ldap.example.com',
    bindDn: 'cn=reader,dc=example',
    usersBaseDn: 'ou=people,dc=example',
    schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
    scheduler,
    logger,
  });
  return { provider, catalog, scheduler, logger };
}

const user = {
  apiVersion: 'backstage.io/v1beta1',
  kind: 'User',
  metadata: { name: 'ada' },
  spec: {},
};

describe('createLdapOrgSync', () => {
  it("schedules the sync under upstream's task id when the catalog connects", async () => {
    const { provider, catalog, scheduler } = setUp(async () => [user]);
    await provider.connect(catalog);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'LdapOrgEntityProvider:default:refresh',
        frequency: { minutes: 30 },
      }),
    );
    await provider.sync();
    expect(catalog.applyMutation).toHaveBeenCalledTimes(1);
  });

  it('logs one line naming the directory and the cause, and never throws', async () => {
    const { provider, catalog, logger } = setUp(async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:636'), {
        code: 'ECONNREFUSED',
      });
    });
    await provider.connect(catalog);
    await expect(provider.sync()).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      'LDAP org sync "default" from ldaps://ldap.example.com failed: cannot reach the directory: nothing accepts connections there (ECONNREFUSED). The catalog keeps the people and teams of the last successful sync.',
    );
    expect(catalog.applyMutation).not.toHaveBeenCalled();
  });

  it('refuses to replace the org with one that has no people', async () => {
    const { provider, catalog, logger } = setUp(async () => [
      { ...user, kind: 'Group', spec: { type: 'team', children: [] } },
    ]);
    await provider.connect(catalog);
    await provider.sync();
    expect(catalog.applyMutation).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        'LDAP org sync "default" from ldaps://ldap.example.com failed: it read no people, so nothing was replaced (removing everyone would lock everyone out): check LDAP_USERS_BASE_DN (ou=people,dc=example) and LDAP_USERS_FILTER. The catalog keeps',
      ),
    );
  });

  it('says so once the directory works again', async () => {
    let fail = true;
    const { provider, catalog, logger } = setUp(async () => {
      if (fail) throw new Error('boom');
      return [user];
    });
    await provider.connect(catalog);
    await provider.sync();
    fail = false;
    await provider.sync();
    await provider.sync();
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      'LDAP org sync "default" from ldaps://ldap.example.com works again.',
    );
  });
});
