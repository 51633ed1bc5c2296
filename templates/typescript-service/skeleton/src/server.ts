import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';{% if values.database %}
import { migrate } from './db/migrate.ts';{% endif %}

// How long in-flight requests get to finish after SIGTERM before we give up.
const SHUTDOWN_TIMEOUT_MS = 10_000;

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // No logger yet: one plain line that says what to fix.
  console.error(error.message);
  process.exit(1);
}

const app = buildApp(config);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms, exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    app.close().then(
      () => {
        app.log.info('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  });
}

try {
  {%- if values.database %}
  // Safe with several replicas: migrate() holds an advisory lock.
  await migrate(app.db, { onApplied: (name) => app.log.info({ migration: name }, 'migration applied') });{% endif %}
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.fatal({ err: error }, 'could not start');
  await app.close().catch(() => {});
  process.exit(1);
}
