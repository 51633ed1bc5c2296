import { Cron } from 'croner';

/** The schedule chosen when this repository was created. Override it with SCHEDULE. */
export const DEFAULT_SCHEDULE = '${{ values.schedule }}';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** 5-field cron expression: minute hour day-of-month month day-of-week. */
  readonly schedule: string;
  /** IANA time zone the schedule is read in, e.g. "UTC" or "Europe/Oslo". */
  readonly timezone: string;
  readonly logLevel: LogLevel;
  /** Open quotes older than this many hours are expired. */
  readonly maxAgeHours: number;
  /** Most quotes handled in one run. */
  readonly batchSize: number;
  /** Count what would be expired, change nothing. */
  readonly dryRun: boolean;
  /** How long a shutdown waits for a running job before giving up. */
  readonly shutdownTimeoutMs: number;
}

export interface ConfigProblem {
  readonly variable: string;
  readonly problem: string;
}

/** Thrown by loadConfig. Its message names every bad variable. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.problem}`).join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;
type Parsed<T> = { value: T } | { problem: string };

/**
 * Reads the settings from environment variables, applies the defaults and
 * checks every value. Throws one ConfigError that lists all the problems.
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: ConfigProblem[] = [];
  function read<T>(variable: string, fallback: T, parse: (raw: string) => Parsed<T>): T {
    const raw = env[variable]?.trim();
    if (!raw) return fallback;
    const parsed = parse(raw);
    if ('problem' in parsed) {
      problems.push({ variable, problem: parsed.problem });
      return fallback;
    }
    return parsed.value;
  }

  const config: Config = {
    schedule: read('SCHEDULE', DEFAULT_SCHEDULE, parseCron),
    timezone: read('TIMEZONE', 'UTC', parseTimezone),
    logLevel: read('LOG_LEVEL', 'info', parseLogLevel),
    maxAgeHours: read('QUOTE_MAX_AGE_HOURS', 72, integerBetween(1, 24 * 365)),
    batchSize: read('BATCH_SIZE', 500, integerBetween(1, 10_000)),
    dryRun: read('DRY_RUN', false, parseBoolean),
    shutdownTimeoutMs: read('SHUTDOWN_TIMEOUT_SECONDS', 25, integerBetween(1, 3600)) * 1000,
  };
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return config;
}

/** Accepts the 5-field cron expressions a Kubernetes CronJob accepts too. */
export function parseCron(raw: string): Parsed<string> {
  const example = 'must be a 5-field cron expression such as "0 * * * *"';
  if (raw.split(/\s+/).length !== 5) {
    return { problem: `${example}, got "${raw}" (seconds and years are not supported)` };
  }
  try {
    // Without a function to run, Croner only parses the pattern.
    new Cron(raw, { mode: '5-part' });
    return { value: raw };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { problem: `${example}, got "${raw}" (${reason})` };
  }
}

function parseTimezone(raw: string): Parsed<string> {
  try {
    new Intl.DateTimeFormat('en', { timeZone: raw });
    return { value: raw };
  } catch {
    return { problem: `must be an IANA time zone such as "UTC" or "Europe/Oslo", got "${raw}"` };
  }
}

function parseLogLevel(raw: string): Parsed<LogLevel> {
  const level = LOG_LEVELS.find((candidate) => candidate === raw.toLowerCase());
  return level ? { value: level } : { problem: `must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"` };
}

function parseBoolean(raw: string): Parsed<boolean> {
  const value = raw.toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return { value: true };
  if (['false', '0', 'no'].includes(value)) return { value: false };
  return { problem: `must be true or false, got "${raw}"` };
}

function integerBetween(min: number, max: number) {
  return (raw: string): Parsed<number> => {
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
      return { problem: `must be a whole number from ${min} to ${max}, got "${raw}"` };
    }
    return { value };
  };
}
