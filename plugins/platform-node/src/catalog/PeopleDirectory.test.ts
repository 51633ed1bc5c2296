import { mockServices } from '@backstage/backend-test-utils';
import { Entity, EntityRelation } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PeopleDirectory } from './PeopleDirectory';

describe('PeopleDirectory', () => {
  const group = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
  const userWith = (spec: Entity['spec'], relations?: EntityRelation[]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'ada', namespace: 'default' },
    spec,
    ...(relations ? { relations } : {}),
  });
  const signedIn = (ownershipEntityRefs: string[]) => ({
    userEntityRef: 'user:default/ada',
    ownershipEntityRefs,
  });

  it('takes the groups from the sign-in without asking the catalog', async () => {
    const catalog = catalogServiceMock({ entities: [] });
    const lookups = jest.spyOn(catalog, 'getEntityByRef');
    const people = new PeopleDirectory(catalog, mockServices.auth());
    const ada = signedIn([
      'user:default/ada',
      'group:default/payments-team',
      'Group:default/guild',
    ]);
    expect(await people.groupsOf(ada)).toEqual([
      'group:default/payments-team',
      'Group:default/guild',
    ]);
    expect(await people.teamOf(ada)).toBe('group:default/payments-team');
    expect(lookups).not.toHaveBeenCalled();
  });

  it("asks the catalog for the User's groups when the sign-in has none", async () => {
    const people = new PeopleDirectory(
      catalogServiceMock({
        entities: [
          userWith({ memberOf: ['payments-team'] }, [
            { type: 'memberOf', targetRef: 'group:default/checkout-team' },
            { type: 'ownerOf', targetRef: 'component:default/shop' },
          ]),
        ],
      }),
      mockServices.auth(),
    );
    expect(await people.groupsOf(signedIn(['user:default/ada']))).toEqual([
      'group:default/checkout-team',
    ]);
  });

  it("falls back to the User's spec.memberOf, as full group refs", async () => {
    const people = new PeopleDirectory(
      catalogServiceMock({
        entities: [userWith({ memberOf: ['payments-team', 'group:ops/sre'] })],
      }),
      mockServices.auth(),
    );
    const ada = signedIn(['user:default/ada']);
    expect(await people.groupsOf(ada)).toEqual([
      'group:default/payments-team',
      'group:ops/sre',
    ]);
    expect(await people.teamOf(ada)).toBe('group:default/payments-team');
  });

  it('has no groups and no team for someone the catalog does not know', async () => {
    const people = new PeopleDirectory(
      catalogServiceMock({ entities: [] }),
      mockServices.auth(),
    );
    const stranger = signedIn(['user:default/ada']);
    expect(await people.groupsOf(stranger)).toEqual([]);
    expect(await people.teamOf(stranger)).toBeNull();
  });

  it('names teams as the catalog does, leaving out those it does not know', async () => {
    const people = new PeopleDirectory(
      catalogServiceMock({
        entities: [
          group,
          {
            ...group,
            metadata: { name: 'data-team', namespace: 'default' },
            spec: { ...group.spec, profile: { displayName: 'Data Team' } },
          },
        ],
      }),
      mockServices.auth(),
    );
    const names = await people.teamNames([
      'group:default/data-team',
      'group:default/payments-team',
      'group:default/gone-team',
    ]);
    expect([...names]).toEqual([
      ['group:default/data-team', 'Data Team'],
      ['group:default/payments-team', 'payments-team'],
    ]);
  });

  it('asks the catalog every time unless told to reuse answers', async () => {
    const catalog = catalogServiceMock({ entities: [group] });
    const lookups = jest.spyOn(catalog, 'getEntityByRef');
    const people = new PeopleDirectory(catalog, mockServices.auth());
    await people.entity('group:default/payments-team');
    await people.entity('group:default/payments-team');
    expect(lookups).toHaveBeenCalledTimes(2);
  });

  it('reuses a found entity for the time given and asks again after that', async () => {
    const catalog = catalogServiceMock({ entities: [group] });
    const lookups = jest.spyOn(catalog, 'getEntityByRef');
    let now = 0;
    const people = new PeopleDirectory(catalog, mockServices.auth(), {
      cacheMs: 60_000,
      now: () => now,
    });

    expect(await people.entity('group:default/payments-team')).toEqual(group);
    now = 59_000;
    expect(await people.entity('group:default/payments-team')).toEqual(group);
    expect(lookups).toHaveBeenCalledTimes(1);
    now = 61_000;
    expect(await people.entity('group:default/payments-team')).toEqual(group);
    expect(lookups).toHaveBeenCalledTimes(2);
  });

  it('does not remember an entity it could not find, so a new one works at once', async () => {
    const catalog = catalogServiceMock({ entities: [] });
    const lookups = jest.spyOn(catalog, 'getEntityByRef');
    const people = new PeopleDirectory(catalog, mockServices.auth(), {
      cacheMs: 60_000,
    });
    expect(await people.entity('group:default/new-team')).toBeUndefined();
    expect(await people.entity('group:default/new-team')).toBeUndefined();
    expect(lookups).toHaveBeenCalledTimes(2);
  });
});
