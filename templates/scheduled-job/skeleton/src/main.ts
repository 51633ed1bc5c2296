/**
 * Entry point.
 *
 *   node dist/main.js          runs the job on SCHEDULE until SIGTERM/SIGINT
 *   node dist/main.js --once   runs the job once and exits (for a Kubernetes
 *                              CronJob or a manual run); exit code 1 if it failed
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Cron } from 'croner';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { runJob, type JobDeps, type JobSummary } from './job.ts';
import { createLogger, type Logger } from './logger.ts';
import { InMemoryQuoteStore, sampleQuotes } from './quoteStore.ts';

const SERVICE_NAME = '${{ values.name }}';

// Exit codes from sysexits.h: retrying with the same input will not help.
const EXIT_USAGE = 64;
const EXIT_CONFIG = 78;

async function main(args: string[]): Promise<number> {
  let once: boolean;
  try {
    once = parseArgs({ args, options: { once: { type: 'boolean', default: false } } }).values.once;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    createLogger(SERVICE_NAME, 'info').fatal(`${reason}. Usage: main.js [--once]`);
    return EXIT_USAGE;
  }

  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      createLogger(SERVICE_NAME, 'info').fatal({ problems: error.problems }, error.message);
      return EXIT_CONFIG;
    }
    throw error;
  }

  const logger = createLogger(SERVICE_NAME, config.logLevel);
  const shutdown = new AbortController();
  const deps = createDependencies(logger);
  const run = (trigger: 'once' | 'schedule') => runAndLog(deps, config, logger, trigger, shutdown.signal);

  if (once) {
    onShutdownSignal(logger, () => shutdown.abort());
    const summary = await run('once');
    return summary && summary.failed === 0 && !summary.aborted ? 0 : 1;
  }

  let running: Promise<unknown> | undefined;
  const cron = new Cron(
    config.schedule,
    {
      name: SERVICE_NAME,
      mode: '5-part',
      timezone: config.timezone,
      // Never start a run while the previous one is still going.
      protect: () => logger.warn('previous run is still going; skipping this one'),
    },
    async () => {
      running = run('schedule');
      await running;
      running = undefined;
    },
  );
  // Listen for signals before saying we have started: a SIGTERM sent the
  // moment "scheduler started" appears must stop us cleanly, not kill us.
  const shutdownSignal = new Promise<string>((resolve) => onShutdownSignal(logger, resolve));
  logger.info(
    { schedule: config.schedule, timezone: config.timezone, nextRun: cron.nextRun()?.toISOString() },
    'scheduler started',
  );

  const signal = await shutdownSignal;
  cron.stop();
  shutdown.abort();
  if (running) {
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'waiting for the running job to stop');
    const finished = await Promise.race([
      running.then(() => true),
      new Promise<false>((resolve) => setTimeout(resolve, config.shutdownTimeoutMs, false).unref()),
    ]);
    if (!finished) {
      // Whatever the job is still waiting for would keep the process alive.
      logger.error('the running job did not stop in time; exiting anyway');
      process.exit(1);
    }
  }
  logger.info({ signal }, 'scheduler stopped');
  return 0;
}

/**
 * Builds what the job talks to.
 * TODO: replace the in-memory sample store with your real data source.
 */
function createDependencies(logger: Logger): JobDeps {
  const clock = () => new Date();
  return {
    store: new InMemoryQuoteStore(sampleQuotes(clock())),
    clock,
    logger,
  };
}

/** Runs the job once, logging start, summary and failure. Never throws. */
async function runAndLog(
  deps: JobDeps,
  config: Config,
  logger: Logger,
  trigger: 'once' | 'schedule',
  signal: AbortSignal,
): Promise<JobSummary | undefined> {
  const log = logger.child({ runId: randomUUID(), trigger });
  log.info('job started');
  try {
    const summary = await runJob(
      { ...deps, logger: log },
      {
        maxAgeHours: config.maxAgeHours,
        batchSize: config.batchSize,
        dryRun: config.dryRun,
        signal,
      },
    );
    if (summary.failed > 0 || summary.aborted) {
      log.warn({ summary }, 'job finished with problems');
    } else {
      log.info({ summary }, 'job finished');
    }
    return summary;
  } catch (error) {
    log.error({ err: error }, 'job failed');
    return undefined;
  }
}

/** Calls `onSignal` on the first SIGTERM or SIGINT; a second one exits at once. */
function onShutdownSignal(logger: Logger, onSignal: (signal: string) => void): void {
  let received = false;
  const handle = (signal: NodeJS.Signals) => {
    if (received) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    received = true;
    logger.info({ signal }, 'shutting down');
    onSignal(signal);
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  createLogger(SERVICE_NAME, 'info').fatal({ err: error }, 'unexpected error');
  process.exitCode = 1;
}
