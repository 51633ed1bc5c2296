import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  emailOffReason,
  readEmailSettings,
  readRetryPolicy,
  withoutUnconfiguredEmail,
} from './config';
import { DEFAULT_RETRY_POLICY } from './retry';

const smtp = (transportConfig: Record<string, unknown>) => ({
  app: { baseUrl: 'https://portal.example.test' },
  notifications: {
    processors: {
      email: {
        transportConfig: { transport: 'smtp', ...transportConfig },
        sender: 'lodestar@example.test',
      },
    },
  },
});

describe('withoutUnconfiguredEmail', () => {
  it('drops the email section when the SMTP host is unset', () => {
    // What the loader leaves of `hostname: ${SMTP_HOST}` when it is unset.
    const data = smtp({ port: 587 });
    expect(withoutUnconfiguredEmail(data)).toEqual({
      app: data.app,
      notifications: {},
    });
    expect(withoutUnconfiguredEmail(smtp({ hostname: '', port: 25 }))).toEqual({
      app: data.app,
      notifications: {},
    });
  });

  it('keeps a configured section, and changes nothing without one', () => {
    expect(
      withoutUnconfiguredEmail(smtp({ hostname: 'mail.example.test' })),
    ).toBeUndefined();
    expect(withoutUnconfiguredEmail({ app: {} })).toBeUndefined();
  });
});

describe('readEmailSettings', () => {
  it('is undefined without the section, or with the stream transport: email is off', () => {
    const none = new ConfigReader({ app: { baseUrl: 'x' } });
    expect(readEmailSettings(none)).toBeUndefined();
    expect(emailOffReason(none)).toBe(
      'notifications.processors.email is not configured (SMTP_HOST is unset)',
    );
    const stream = new ConfigReader(smtp({ transport: 'stream' }));
    expect(readEmailSettings(stream)).toBeUndefined();
    expect(emailOffReason(stream)).toBe(
      "notifications.processors.email.transportConfig.transport is 'stream', which sends nothing",
    );
  });

  it('reads the SMTP settings, the port given as a string from the environment', () => {
    const settings = readEmailSettings(
      new ConfigReader(
        smtp({
          hostname: 'mail.example.test',
          port: '2525',
          username: 'lodestar',
          password: 'secret',
          requireTls: true,
        }),
      ),
    );
    expect(settings).toEqual({
      smtp: {
        host: 'mail.example.test',
        port: 2525,
        secure: false,
        requireTls: true,
        auth: { user: 'lodestar', pass: 'secret' },
      },
      sender: 'lodestar@example.test',
      replyTo: undefined,
      frontendBaseUrl: 'https://portal.example.test',
    });
  });

  it('refuses other transports and a port that is not one, naming the key', () => {
    expect(() =>
      readEmailSettings(new ConfigReader(smtp({ transport: 'ses' }))),
    ).toThrow(
      "notifications.processors.email.transportConfig.transport: Lodestar sends email over SMTP only, not 'ses'",
    );
    expect(() =>
      readEmailSettings(
        new ConfigReader(smtp({ hostname: 'mail', port: 70000 })),
      ),
    ).toThrow(
      'notifications.processors.email.transportConfig.port: 70000 is not a TCP port',
    );
  });
});

describe('readRetryPolicy', () => {
  const withRetry = (retry: JsonObject) => {
    const data = smtp({ hostname: 'mail.example.test', port: 25 });
    const email = { ...data.notifications.processors.email, retry };
    return new ConfigReader({
      ...data,
      notifications: { processors: { email } },
    });
  };

  it('is the default, 30 s before the second attempt, without retry.firstDelay', () => {
    const policy = readRetryPolicy(
      new ConfigReader(smtp({ hostname: 'mail.example.test', port: 25 })),
    );
    expect(policy).toBe(DEFAULT_RETRY_POLICY);
    expect(policy.firstDelayMs).toBe(30_000);
  });

  it('takes the first wait from retry.firstDelay, as an object or a string, and keeps the rest', () => {
    expect(readRetryPolicy(withRetry({ firstDelay: { seconds: 2 } }))).toEqual({
      ...DEFAULT_RETRY_POLICY,
      firstDelayMs: 2_000,
    });
    expect(readRetryPolicy(withRetry({ firstDelay: 'PT1M' }))).toEqual({
      ...DEFAULT_RETRY_POLICY,
      firstDelayMs: 60_000,
    });
  });

  it('refuses a wait of zero, naming the key', () => {
    expect(() =>
      readRetryPolicy(withRetry({ firstDelay: { seconds: 0 } })),
    ).toThrow(
      'notifications.processors.email.retry.firstDelay: the wait must be longer than zero',
    );
  });
});
