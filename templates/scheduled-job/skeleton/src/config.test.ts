import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, DEFAULT_SCHEDULE, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    assert.deepEqual(loadConfig({}), {
      schedule: DEFAULT_SCHEDULE,
      timezone: 'UTC',
      logLevel: 'info',
      maxAgeHours: 72,
      batchSize: 500,
      dryRun: false,
      shutdownTimeoutMs: 25_000,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      SCHEDULE: '*/15 6-18 * * MON-FRI',
      TIMEZONE: 'Europe/Oslo',
      LOG_LEVEL: 'debug',
      QUOTE_MAX_AGE_HOURS: '48',
      BATCH_SIZE: '50',
      DRY_RUN: 'true',
      SHUTDOWN_TIMEOUT_SECONDS: '5',
    });

    assert.deepEqual(config, {
      schedule: '*/15 6-18 * * MON-FRI',
      timezone: 'Europe/Oslo',
      logLevel: 'debug',
      maxAgeHours: 48,
      batchSize: 50,
      dryRun: true,
      shutdownTimeoutMs: 5_000,
    });
  });

  it('treats empty values as unset', () => {
    assert.equal(loadConfig({ SCHEDULE: '  ', BATCH_SIZE: '' }).batchSize, 500);
  });

  for (const [variable, value] of [
    ['SCHEDULE', '0 0 * * * *'],
    ['SCHEDULE', '61 * * * *'],
    ['SCHEDULE', 'every hour'],
    ['TIMEZONE', 'Mars/Olympus_Mons'],
    ['LOG_LEVEL', 'loud'],
    ['QUOTE_MAX_AGE_HOURS', '0'],
    ['BATCH_SIZE', '12.5'],
    ['BATCH_SIZE', 'lots'],
    ['DRY_RUN', 'maybe'],
    ['SHUTDOWN_TIMEOUT_SECONDS', '-1'],
  ] as const) {
    it(`rejects ${variable}="${value}" and names the variable`, () => {
      assert.throws(
        () => loadConfig({ [variable]: value }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.deepEqual(
            error.problems.map((p) => p.variable),
            [variable],
          );
          assert.match(error.message, new RegExp(`^Invalid configuration: ${variable} `));
          return true;
        },
      );
    });
  }

  it('reports every bad variable at once', () => {
    assert.throws(
      () => loadConfig({ SCHEDULE: 'nope', BATCH_SIZE: 'x', DRY_RUN: 'perhaps' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.map((p) => p.variable).join(',') === 'SCHEDULE,BATCH_SIZE,DRY_RUN',
    );
  });
});
