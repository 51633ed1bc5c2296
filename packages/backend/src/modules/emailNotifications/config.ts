/*
 * The email channel's settings, under `notifications.processors.email` in
 * the same shape as Backstage's email module (its config schema checks
 * them), so switching to it later is a change of module, not of config.
 * Lodestar's processor speaks SMTP only.
 */
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { DEFAULT_RETRY_POLICY, RetryPolicy } from './retry';

export const EMAIL_CONFIG_KEY = 'notifications.processors.email';

export type EmailSettings = {
  smtp: {
    host: string;
    port: number;
    secure: boolean;
    requireTls: boolean;
    auth?: { user: string; pass: string };
  };
  /** The From address. */
  sender: string;
  replyTo?: string;
  /** Where relative notification links point (app.baseUrl). */
  frontendBaseUrl: string;
};

/**
 * Why the channel is off, or undefined when it is on: no section (SMTP_HOST
 * unset in production), or the `stream` transport, which in Backstage's
 * module means "build the mail, send nothing" — the embedded default uses it,
 * because installing that module makes its config section mandatory.
 */
export function emailOffReason(config: Config): string | undefined {
  const section = config.getOptionalConfig(EMAIL_CONFIG_KEY);
  if (!section) {
    return `${EMAIL_CONFIG_KEY} is not configured (SMTP_HOST is unset)`;
  }
  if (section.getOptionalString('transportConfig.transport') === 'stream') {
    return `${EMAIL_CONFIG_KEY}.transportConfig.transport is 'stream', which sends nothing`;
  }
  return undefined;
}

/** undefined when the channel is off (see emailOffReason). */
export function readEmailSettings(config: Config): EmailSettings | undefined {
  if (emailOffReason(config)) return undefined;
  const section = config.getConfig(EMAIL_CONFIG_KEY);
  const transport = section.getConfig('transportConfig');
  const kind = transport.getString('transport');
  if (kind !== 'smtp') {
    throw new Error(
      `${EMAIL_CONFIG_KEY}.transportConfig.transport: Lodestar sends email over SMTP only, not '${kind}'`,
    );
  }
  const user = transport.getOptionalString('username');
  const pass = transport.getOptionalString('password');
  const port = transport.getNumber('port');
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(
      `${EMAIL_CONFIG_KEY}.transportConfig.port: ${port} is not a TCP port`,
    );
  }
  return {
    smtp: {
      host: transport.getString('hostname'),
      port,
      secure: transport.getOptionalBoolean('secure') ?? false,
      requireTls: transport.getOptionalBoolean('requireTls') ?? false,
      ...(user && pass ? { auth: { user, pass } } : {}),
    },
    sender: section.getString('sender'),
    replyTo: section.getOptionalString('replyTo'),
    frontendBaseUrl: config.getString('app.baseUrl'),
  };
}

/**
 * The retry policy: the default, with the wait before the second attempt
 * from `retry.firstDelay` (a duration) when it is set. Production keeps the
 * default; the system tests shorten it so that a mail held back by a down
 * SMTP server goes out seconds, not half a minute, after it is back.
 */
export function readRetryPolicy(config: Config): RetryPolicy {
  const key = `${EMAIL_CONFIG_KEY}.retry.firstDelay`;
  if (!config.has(key)) return DEFAULT_RETRY_POLICY;
  const firstDelayMs = durationToMilliseconds(
    readDurationFromConfig(config, { key }),
  );
  if (!(firstDelayMs > 0)) {
    throw new Error(`${key}: the wait must be longer than zero`);
  }
  return { ...DEFAULT_RETRY_POLICY, firstDelayMs };
}

type JsonObject = Record<string, any>;

/**
 * The config data without `notifications.processors.email` when its SMTP
 * host is unset (`${SMTP_HOST}` empty), or undefined when nothing changed.
 * The loader keeps the section around an unset variable; left in place, a
 * half-empty section would stop the backend.
 */
export function withoutUnconfiguredEmail(
  data: JsonObject,
): JsonObject | undefined {
  const processors = data.notifications?.processors;
  const email = processors?.email;
  if (email === undefined) return undefined;
  const host = email?.transportConfig?.hostname;
  const transport = email?.transportConfig?.transport;
  if (transport !== 'smtp' || (typeof host === 'string' && host !== '')) {
    return undefined;
  }
  const { email: _dropped, ...otherProcessors } = processors;
  const notifications = { ...data.notifications };
  if (Object.keys(otherProcessors).length === 0) {
    delete notifications.processors;
  } else {
    notifications.processors = otherProcessors;
  }
  return { ...data, notifications };
}
