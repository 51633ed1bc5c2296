/*
 * Checks that must pass before the backend starts, so that their failure is
 * one clear line instead of a wall of plugin errors: every config file parses,
 * production has no guest sign-in, every org source that is switched on has
 * its secrets (services/orgSourceChecks.ts), and a PostgreSQL database is
 * reachable with the configured credentials.
 *
 * On PostgreSQL it then takes the start-up lock (services/migrationLocks.ts):
 * it waits while another backend of the same installation starts, and clears
 * migration locks left by a backend killed mid-migration. The caller releases
 * the lock once the backend has started.
 */
import { ConfigSources } from '@backstage/config-loader';
import { Config } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import { Client, ClientConfig } from 'pg';
import { readPublishConfig } from '@internal/plugin-scaffolder-backend-module-lodestar';
import YAML from 'yaml';
import { StartupLock, takeStartupLock } from './services/migrationLocks';
import { checkOrgSources, RawConfigFiles } from './services/orgSourceChecks';

export class PreflightError extends Error {
  name = 'PreflightError';
}

function configPaths(argv: string[]): string[] {
  const out: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--config' && argv[i + 1]) out.push(argv[i + 1]);
    else if (arg.startsWith('--config=')) out.push(arg.slice(9));
  });
  return out;
}

/** Names the file and line of the first config file that is not valid YAML. */
function checkConfigSyntax(argv: string[]) {
  for (const file of configPaths(argv)) {
    const full = path.resolve(file);
    if (!fs.existsSync(full)) {
      throw new PreflightError(`config file ${file} does not exist`);
    }
    const doc = YAML.parseDocument(fs.readFileSync(full, 'utf8'), {
      prettyErrors: false,
    });
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0]?.line;
      throw new PreflightError(
        `${path.basename(file)}${
          line ? `, line ${line}` : ''
        } is not valid YAML: ${error.message.split('\n')[0]}`,
      );
    }
  }
}

/**
 * Guest sign-in, a disabled auth policy and the demo's backdated writes
 * belong to the embedded default only; a production config (auth.environment: production) with either, for
 * example app-config.yaml layered under app-config.production.yaml, refuses
 * to start.
 */
function checkProductionSignIn(config: Config) {
  if (config.getOptionalString('auth.environment') !== 'production') return;
  if (config.has('auth.providers.guest')) {
    throw new PreflightError(
      'auth.providers.guest is configured while auth.environment is production; guest sign-in is for the embedded default only. Start production with app-config.production.yaml on its own.',
    );
  }
  if (
    config.getOptionalBoolean(
      'backend.auth.dangerouslyDisableDefaultAuthPolicy',
    )
  ) {
    throw new PreflightError(
      'backend.auth.dangerouslyDisableDefaultAuthPolicy is set while auth.environment is production; every API would be open to anonymous callers.',
    );
  }
  if (config.getOptionalBoolean('lodestar.demo.backdating')) {
    throw new PreflightError(
      'lodestar.demo.backdating is set while auth.environment is production; it lets a caller choose the time of a write and is for the demo seeder of the embedded default only.',
    );
  }
}

/**
 * An org source switched on without a secret it needs stops the start with
 * one line naming the variable; a production config without any org source
 * starts, with one warning line.
 */
function checkOrgSourceConfig(config: Config, argv: string[]) {
  const raw = new RawConfigFiles(
    configPaths(argv).map(file =>
      YAML.parse(fs.readFileSync(path.resolve(file), 'utf8')),
    ),
  );
  const { errors, warnings } = checkOrgSources(config, raw);
  if (errors.length) throw new PreflightError(errors.join('; '));
  for (const warning of warnings) {
    process.stderr.write(`Lodestar preflight: ${warning}\n`);
  }
}

/**
 * Where golden paths publish must work before anyone runs a template: a
 * missing GitHub token or organisation is a start-up error, not a failed
 * task. The scaffolder module checks the same when it starts.
 */
function checkPublishing(config: Config) {
  try {
    readPublishConfig(config);
  } catch (e: any) {
    throw new PreflightError(e.message);
  }
}

function describeConnectError(e: any): string {
  const code = e?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unknown host';
  if (code === 'ETIMEDOUT' || /timeout/i.test(e?.message ?? '')) {
    return 'timed out';
  }
  if (code === '28P01' || code === '28000') {
    return `PostgreSQL refused the credentials (${e.message})`;
  }
  return e?.message ?? String(e);
}

function usesPostgres(config: Config): boolean {
  return config.getOptionalString('backend.database.client') === 'pg';
}

function postgresConnection(config: Config): ClientConfig {
  const raw = config.getOptional('backend.database.connection');
  return typeof raw === 'string'
    ? { connectionString: raw }
    : (raw as ClientConfig) ?? {};
}

async function checkPostgres(config: Config) {
  if (!usesPostgres(config)) return;
  const connection = postgresConnection(config);
  const c = connection as { host?: string; port?: number | string };
  const where = `${c.host ?? 'localhost'}:${c.port ?? 5432}`;
  const client = new Client({
    ...connection,
    database: 'postgres',
    connectionTimeoutMillis: 10_000,
  });
  try {
    await client.connect();
  } catch (e) {
    const reason = describeConnectError(e);
    throw new PreflightError(
      `cannot use PostgreSQL at ${where}: ${reason}. Check POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER and POSTGRES_PASSWORD.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

const DEFAULT_STARTUP_WAIT_SECONDS = 300;

/**
 * Databases named outright: the base one in schema mode (in database mode
 * Backstage ignores it and makes one per plugin), and a plugin's own.
 */
function namedDatabases(config: Config): string[] {
  const schemaMode =
    config.getOptionalString('backend.database.pluginDivisionMode') ===
    'schema';
  const names = schemaMode ? [postgresConnection(config).database] : [];
  const plugins = config.getOptionalConfig('backend.database.plugin');
  for (const id of plugins?.keys() ?? []) {
    const connection = plugins!.getOptional(`${id}.connection`);
    if (connection && typeof connection === 'object') {
      names.push((connection as ClientConfig).database);
    }
  }
  return names.filter((n): n is string => !!n);
}

function startupWaitMs(env: NodeJS.ProcessEnv): number {
  const raw = env.LODESTAR_STARTUP_WAIT_SECONDS;
  const seconds =
    raw === undefined ? DEFAULT_STARTUP_WAIT_SECONDS : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new PreflightError(
      `LODESTAR_STARTUP_WAIT_SECONDS must be a number of seconds, not ${raw}`,
    );
  }
  return seconds * 1000;
}

async function startupLock(
  config: Config,
  env: NodeJS.ProcessEnv,
): Promise<StartupLock> {
  if (!usesPostgres(config)) return { release: async () => {} };
  try {
    return await takeStartupLock({
      connection: postgresConnection(config),
      prefix:
        config.getOptionalString('backend.database.prefix') ||
        'backstage_plugin_',
      extraDatabases: namedDatabases(config),
      waitMs: startupWaitMs(env),
      report: line => process.stderr.write(`Lodestar preflight: ${line}\n`),
    });
  } catch (e: any) {
    if (e instanceof PreflightError) throw e;
    throw new PreflightError(e.message);
  }
}

/**
 * Runs the checks; on PostgreSQL returns holding the start-up lock, which
 * the caller releases once `backend.start()` has resolved.
 */
export async function preflight(
  argv = process.argv,
  env = process.env,
): Promise<StartupLock> {
  checkConfigSyntax(argv);
  const config = await ConfigSources.toConfig(
    ConfigSources.default({ argv, watch: false }),
  );
  try {
    checkProductionSignIn(config);
    checkOrgSourceConfig(config, argv);
    checkPublishing(config);
    await checkPostgres(config);
    return await startupLock(config, env);
  } finally {
    config.close();
  }
}
