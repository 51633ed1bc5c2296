import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { LodestarPermissionPolicy } from './permissionPolicy';

const PLATFORM = 'group:default/platform-team';
const policy = new LodestarPermissionPolicy(PLATFORM);

function user(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  } as PolicyQueryUser;
}

const sam = user('user:default/sam.rivera', 'group:default/checkout-team');
const priya = user('user:default/priya.nair', PLATFORM);

describe('LodestarPermissionPolicy', () => {
  it('lets everyone signed in read the catalog', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityReadPermission },
      sam,
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('lets only the platform team delete catalog locations', async () => {
    const query = { permission: catalogLocationDeletePermission };
    expect((await policy.handle(query, priya)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await policy.handle(query, sam)).result).toBe(AuthorizeResult.DENY);
  });

  it('lets owners unregister their own entities, decided in the catalog', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      sam,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/sam.rivera', 'group:default/checkout-team'],
        },
      },
    });
  });

  it('lets the platform team unregister any entity', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      priya,
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });
});
