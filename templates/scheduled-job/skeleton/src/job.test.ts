import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runJob, type JobLogger, type JobOptions, type Quote } from './job.ts';
import { InMemoryQuoteStore } from './quoteStore.ts';

const NOW = new Date('2025-03-10T12:00:00.000Z');
const fixedClock = () => NOW;
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 60 * 60 * 1000);

const options: JobOptions = { maxAgeHours: 72, batchSize: 100, dryRun: false };

function quote(id: string, ageHours: number, status: Quote['status'] = 'open'): Quote {
  return { id, customerId: 'C-1', createdAt: hoursAgo(ageHours), status };
}

/** Collects log calls instead of printing them. */
function recordingLogger() {
  const warnings: { details: object; message: string }[] = [];
  const logger: JobLogger = {
    info: () => {},
    warn: (details, message) => warnings.push({ details, message }),
  };
  return { logger, warnings };
}

describe('runJob', () => {
  it('expires open quotes older than the maximum age, and nothing else', async () => {
    const store = new InMemoryQuoteStore([
      quote('old-open', 100),
      quote('old-accepted', 100, 'accepted'),
      quote('fresh-open', 10),
    ]);

    const summary = await runJob({ store, clock: fixedClock, logger: recordingLogger().logger }, options);

    assert.equal(store.get('old-open')?.status, 'expired');
    assert.equal(store.get('old-accepted')?.status, 'accepted');
    assert.equal(store.get('fresh-open')?.status, 'open');
    assert.deepEqual(summary, {
      startedAt: '2025-03-10T12:00:00.000Z',
      cutoff: '2025-03-07T12:00:00.000Z',
      found: 1,
      expired: 1,
      failed: 0,
      dryRun: false,
      aborted: false,
      durationMs: 0,
    });
  });

  it('handles at most batchSize quotes, oldest first', async () => {
    const store = new InMemoryQuoteStore([quote('a', 80), quote('b', 300), quote('c', 200)]);

    const summary = await runJob(
      { store, clock: fixedClock, logger: recordingLogger().logger },
      { ...options, batchSize: 2 },
    );

    assert.equal(summary.expired, 2);
    assert.equal(store.get('b')?.status, 'expired');
    assert.equal(store.get('c')?.status, 'expired');
    assert.equal(store.get('a')?.status, 'open');
  });

  it('changes nothing in a dry run but reports what it would do', async () => {
    const store = new InMemoryQuoteStore([quote('old', 100)]);

    const summary = await runJob(
      { store, clock: fixedClock, logger: recordingLogger().logger },
      { ...options, dryRun: true },
    );

    assert.equal(summary.expired, 1);
    assert.equal(summary.dryRun, true);
    assert.equal(store.get('old')?.status, 'open');
  });

  it('keeps going when one quote fails, and counts the failure', async () => {
    const store = new InMemoryQuoteStore([quote('bad', 200), quote('good', 100)]);
    const markExpired = store.markExpired.bind(store);
    store.markExpired = async (id: string) => {
      if (id === 'bad') throw new Error('database timeout');
      return markExpired(id);
    };
    const { logger, warnings } = recordingLogger();

    const summary = await runJob({ store, clock: fixedClock, logger }, options);

    assert.equal(summary.expired, 1);
    assert.equal(summary.failed, 1);
    assert.equal(store.get('good')?.status, 'expired');
    assert.equal(warnings.length, 1);
    assert.deepEqual(warnings[0]?.details, { err: new Error('database timeout'), quoteId: 'bad' });
  });

  it('stops between quotes once shutdown has been requested', async () => {
    const store = new InMemoryQuoteStore([quote('a', 100), quote('b', 100)]);
    const controller = new AbortController();
    controller.abort();

    const summary = await runJob(
      { store, clock: fixedClock, logger: recordingLogger().logger },
      { ...options, signal: controller.signal },
    );

    assert.equal(summary.aborted, true);
    assert.equal(summary.expired, 0);
    assert.equal(store.get('a')?.status, 'open');
  });

  it('measures its duration with the injected clock', async () => {
    const times = [NOW, new Date(NOW.getTime() + 1500)];
    const clock = () => times.shift() ?? NOW;

    const summary = await runJob(
      { store: new InMemoryQuoteStore(), clock, logger: recordingLogger().logger },
      options,
    );

    assert.equal(summary.durationMs, 1500);
    assert.equal(summary.found, 0);
  });
});
