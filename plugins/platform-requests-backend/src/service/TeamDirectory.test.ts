import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TeamDirectory } from './TeamDirectory';

describe('TeamDirectory', () => {
  const group = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  };

  it('reuses a found entity for a minute and asks again after that', async () => {
    const catalog = catalogServiceMock({ entities: [group] });
    const lookups = jest.spyOn(catalog, 'getEntityByRef');
    let now = 0;
    const teams = new TeamDirectory(
      catalog,
      mockServices.auth(),
      'group:default/platform-team',
      () => now,
    );

    expect(await teams.isGroup('group:default/payments-team')).toBe(true);
    now = 59_000;
    expect(await teams.isGroup('group:default/payments-team')).toBe(true);
    expect(lookups).toHaveBeenCalledTimes(1);
    now = 61_000;
    expect(await teams.isGroup('group:default/payments-team')).toBe(true);
    expect(lookups).toHaveBeenCalledTimes(2);
  });

  it('does not remember a team it could not find, so a new one works at once', async () => {
    const catalog = catalogServiceMock({ entities: [] });
    const lookups = jest.spyOn(catalog, 'getEntityByRef');
    const teams = new TeamDirectory(
      catalog,
      mockServices.auth(),
      'group:default/platform-team',
    );
    expect(await teams.isGroup('group:default/new-team')).toBe(false);
    expect(await teams.isGroup('group:default/new-team')).toBe(false);
    expect(lookups).toHaveBeenCalledTimes(2);
  });
});
