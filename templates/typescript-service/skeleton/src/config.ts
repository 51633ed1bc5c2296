import { z } from 'zod';

/**
 * Everything the service reads from its environment, validated once at
 * start-up. Add new settings here so that a bad deployment fails at once with a
 * message naming the variable, instead of misbehaving later.
 */
const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(${{ values.port }}),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),{% if values.database %}
  DATABASE_URL: z
    .string({ error: 'is required (e.g. postgres://user:password@host:5432/database)' })
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL'),{% endif %}
});

export interface Config {
  port: number;
  host: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];{% if values.database %}
  databaseUrl: string;{% endif %}
}

/** Thrown by loadConfig; its message names every variable that is wrong. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration; throws ConfigError when it is invalid. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset, so defaults apply to `PORT=` too.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'environment');
      const value = present[variable];
      // Never echo values that may hold credentials (URLs, tokens, passwords).
      const shown =
        value === undefined || /URL|TOKEN|SECRET|PASSWORD|KEY/.test(variable) ? '' : ` (got "${value}")`;
      return `${variable} ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const vars = parsed.data;
  return {
    port: vars.PORT,
    host: vars.HOST,
    logLevel: vars.LOG_LEVEL,{% if values.database %}
    databaseUrl: vars.DATABASE_URL,{% endif %}
  };
}
