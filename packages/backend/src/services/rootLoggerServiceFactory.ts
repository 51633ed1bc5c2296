/*
 * The root logger (coreServices.rootLogger) as Backstage's default builds it,
 * except for how it picks its format: readable lines (Backstage's development
 * format) when a person watches a terminal, JSON otherwise.
 *
 * Backstage's default keys on NODE_ENV alone, and `npm start` runs with
 * NODE_ENV=production (the built frontend, production-grade behaviour), so a
 * person at the terminal got JSON. NODE_ENV keeps its meaning; the format
 * also looks at whether stdout is a terminal. Log collectors (containers,
 * systemd, pipes, files) never have one, so they keep getting JSON.
 *
 * The rest mirrors the default of @backstage/backend-defaults 0.19 with its
 * public building blocks (level, meta, level overrides and secret redaction
 * from backend.logger); compare with it when upgrading Backstage. The schema
 * that tells secrets apart is kept between starts (configSchemaCache.ts).
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { createConfigSecretEnumerator } from '@backstage/backend-defaults/rootConfig';
import {
  WinstonLogger,
  WinstonLoggerLevelOverride,
  WinstonLoggerLevelOverrideMatchers,
  WinstonLoggerOptions,
} from '@backstage/backend-defaults/rootLogger';
import { format, transports, transport } from 'winston';
import { loadWorkspaceConfigSchema } from './configSchemaCache';

export type LogFormat = 'readable' | 'json';

/**
 * Readable lines in development (as upstream) and on a terminal; JSON for a
 * production process whose output goes anywhere else.
 */
export function chooseLogFormat(options: {
  nodeEnv: string | undefined;
  stdoutIsTTY: boolean | undefined;
}): LogFormat {
  if (options.nodeEnv !== 'production') return 'readable';
  return options.stdoutIsTTY ? 'readable' : 'json';
}

const LEVELS = ['error', 'warn', 'info', 'debug'];

/** backend.logger, read and checked as the upstream factory does. */
function readLoggerConfig(config: Config) {
  const overrides: WinstonLoggerLevelOverride[] =
    config
      .getOptionalConfigArray('backend.logger.overrides')
      ?.map((override, i) => {
        const level = override.getString('level');
        if (!LEVELS.includes(level)) {
          throw new Error(
            `Invalid config at backend.logger.overrides[${i}].level, '${level}' is not a valid logging level, must be one of ${LEVELS.map(
              l => `'${l}'`,
            ).join(', ')}.`,
          );
        }
        return {
          matchers: override
            .getConfig('matchers')
            .get<WinstonLoggerLevelOverrideMatchers>(),
          level,
        };
      }) ?? [];
  return {
    level: config.getOptionalString('backend.logger.level'),
    meta: config
      .getOptionalConfig('backend.logger.meta')
      ?.get<WinstonLoggerOptions['meta']>(),
    overrides,
    redactAllowlist: new Set(
      config
        .getOptionalStringArray('backend.logger.redactAllowlist')
        ?.map(s => s.trim()),
    ),
  };
}

/** The root logger for a config; `transport` is the console unless a test passes one. */
export async function createRootLogger(
  config: Config,
  options: { format: LogFormat; transport?: transport },
): Promise<WinstonLogger> {
  const loggerConfig = readLoggerConfig(config);
  const logger = WinstonLogger.create({
    meta: { service: 'backstage', ...loggerConfig.meta },
    level: process.env.LOG_LEVEL || loggerConfig.level || 'info',
    format:
      options.format === 'json'
        ? format.combine(format.timestamp(), format.json())
        : WinstonLogger.colorFormat(),
    transports: [options.transport ?? new transports.Console()],
  });

  // The schema upstream's enumerator collects itself, kept between starts.
  const schema = await loadWorkspaceConfigSchema({
    onSchemaError: error => logger.warn(error.message),
  });
  const secrets = await createConfigSecretEnumerator({ logger, schema });
  const applyConfig = () => {
    const current = readLoggerConfig(config);
    logger.addRedactions(
      [...secrets(config)].filter(s => !current.redactAllowlist.has(s.trim())),
    );
    logger.setLevelOverrides(current.overrides);
  };
  applyConfig();
  config.subscribe?.(applyConfig);
  return logger;
}

export const rootLoggerServiceFactory = createServiceFactory({
  service: coreServices.rootLogger,
  deps: { config: coreServices.rootConfig },
  async factory({ config }) {
    return createRootLogger(config, {
      format: chooseLogFormat({
        nodeEnv: process.env.NODE_ENV,
        stdoutIsTTY: process.stdout.isTTY,
      }),
    });
  },
});
