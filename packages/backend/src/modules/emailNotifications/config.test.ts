import { ConfigReader } from '@backstage/config';
import {
  emailOffReason,
  readEmailSettings,
  withoutUnconfiguredEmail,
} from './config';

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
