import { mockServices } from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  describeSyncFailure,
  NoPeopleGuard,
  ScheduledOrgSync,
} from './ScheduledOrgSync';

const entity = (kind: string, name: string) => ({
  locationKey: 'test',
  entity: {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name },
    spec: {},
  },
});

function setup(read: jest.Mock) {
  const logger = mockServices.logger.mock();
  const sync = new ScheduledOrgSync({
    inner: {
      getProviderName: () => 'TestOrgProvider:default',
      connect: async () => {},
      read,
    },
    title: 'Test org sync "default"',
    noPeopleHint: 'check the filter',
    schedule: { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
    scheduler: mockServices.scheduler.mock(),
    logger,
  });
  return { sync, logger };
}

describe('ScheduledOrgSync', () => {
  it('logs one line per failed sync, and once when it works again', async () => {
    const read = jest
      .fn()
      .mockRejectedValueOnce(
        Object.assign(new Error('Bad credentials'), { status: 401 }),
      )
      .mockResolvedValue(undefined);
    const { sync, logger } = setup(read);
    await sync.sync();
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]).toEqual([
      'Test org sync "default" failed: HTTP 401: Bad credentials. The catalog keeps the people and teams of the last successful sync.',
    ]);
    await sync.sync();
    await sync.sync();
    expect(logger.info.mock.calls.map(c => c[0])).toEqual([
      'Test org sync "default" works again.',
    ]);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('schedules under the upstream task id', async () => {
    const scheduler = mockServices.scheduler.mock();
    const sync = new ScheduledOrgSync({
      inner: {
        getProviderName: () => 'MicrosoftGraphOrgEntityProvider:default',
        connect: async () => {},
        read: jest.fn(),
      },
      title: 't',
      noPeopleHint: 'h',
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 50 } },
      scheduler,
      logger: mockServices.logger.mock(),
    });
    await sync.connect({
      applyMutation: jest.fn(),
      refresh: jest.fn(),
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'MicrosoftGraphOrgEntityProvider:default:refresh',
        frequency: { hours: 1 },
      }),
    );
  });
});

describe('NoPeopleGuard', () => {
  it('refuses a full replace without any User and passes others on', async () => {
    const inner: jest.Mocked<EntityProviderConnection> = {
      applyMutation: jest.fn(),
      refresh: jest.fn(),
    };
    const guard = new NoPeopleGuard(inner, 'check the filter');
    await expect(
      guard.applyMutation({
        type: 'full',
        entities: [entity('Group', 'platform')],
      }),
    ).rejects.toThrow(
      /read no people, so nothing was replaced.*check the filter/,
    );
    expect(inner.applyMutation).not.toHaveBeenCalled();

    const full = {
      type: 'full' as const,
      entities: [entity('User', 'priya'), entity('Group', 'platform')],
    };
    await guard.applyMutation(full);
    const delta = { type: 'delta' as const, added: [], removed: [] };
    await guard.applyMutation(delta);
    expect(inner.applyMutation.mock.calls).toEqual([[full], [delta]]);
  });
});

describe('describeSyncFailure', () => {
  it('names the network error of a failed fetch', () => {
    const error = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ENOTFOUND' },
    });
    expect(describeSyncFailure(error)).toBe('cannot connect (ENOTFOUND)');
  });

  it('keeps a multi-line message on one line, bounded', () => {
    const text = `invalid_client\nMore details:\n${'x'.repeat(600)}`;
    const described = describeSyncFailure(new Error(text));
    expect(described).not.toContain('\n');
    expect(described.startsWith('invalid_client More details: x')).toBe(true);
    expect(described.length).toBeLessThanOrEqual(401);
  });
});
