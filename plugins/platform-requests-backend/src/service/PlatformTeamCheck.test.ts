import { mockServices } from '@backstage/backend-test-utils';
import { PlatformTeamCheck } from './PlatformTeamCheck';

const REF = 'group:default/platform-team';

function setup(initial: { exists: boolean; syncsHaveRun: boolean }) {
  const world = { ...initial };
  const logger = mockServices.logger.mock();
  const check = new PlatformTeamCheck({
    ref: REF,
    groupExists: async () => world.exists,
    orgSyncsHaveRun: async () => world.syncsHaveRun,
    logger,
  });
  const warnings = () => logger.warn.mock.calls.map(c => String(c[0]));
  const infos = () => logger.info.mock.calls.map(c => String(c[0]));
  return { world, check, warnings, infos };
}

describe('PlatformTeamCheck', () => {
  it('is pending while the org syncs have not run, however often it looks', async () => {
    const { check, warnings } = setup({ exists: false, syncsHaveRun: false });
    for (let i = 0; i < 5; i++) await check.check();
    expect(check.status()).toEqual({ ref: REF, status: 'pending' });
    expect(warnings()).toEqual([]);
  });

  it('says once that the group is missing, one check after the syncs ran', async () => {
    const { world, check, warnings } = setup({
      exists: false,
      syncsHaveRun: false,
    });
    await check.check();
    world.syncsHaveRun = true;
    await check.check();
    // Time for the catalog to process what the sync brought.
    expect(check.status().status).toBe('pending');
    await check.check();
    expect(check.status().status).toBe('missing');
    for (let i = 0; i < 5; i++) await check.check();
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(
      /group:default\/platform-team is not in the catalog, so nobody can triage/,
    );
    expect(warnings()[0]).toMatch(/LODESTAR_PLATFORM_TEAM/);
  });

  it('finds the group without waiting for the syncs, and logs nothing', async () => {
    const { check, warnings, infos } = setup({
      exists: true,
      syncsHaveRun: false,
    });
    await check.check();
    expect(check.status().status).toBe('found');
    expect(warnings()).toEqual([]);
    expect(infos()).toEqual([]);
  });

  it('logs each change of verdict once: found again, then gone again', async () => {
    const { world, check, warnings, infos } = setup({
      exists: false,
      syncsHaveRun: true,
    });
    await check.check();
    await check.check();
    expect(warnings()).toHaveLength(1);

    world.exists = true;
    await check.check();
    await check.check();
    expect(check.status().status).toBe('found');
    expect(infos()).toEqual([
      `The platform team's group ${REF} is now in the catalog.`,
    ]);

    world.exists = false;
    await check.check();
    await check.check();
    expect(check.status().status).toBe('missing');
    expect(warnings()).toHaveLength(2);
  });

  it('keeps its verdict when the catalog cannot answer', async () => {
    const logger = mockServices.logger.mock();
    const check = new PlatformTeamCheck({
      ref: REF,
      groupExists: async () => {
        throw new Error('catalog unavailable');
      },
      orgSyncsHaveRun: async () => true,
      logger,
    });
    await check.check();
    await check.check();
    expect(check.status().status).toBe('pending');
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
