/*
 * The Email channel in the real notifications backend, on SQLite and
 * PostgreSQL, against a real SMTP server: who gets the mail, its subject and
 * link, a person's opt-out in the notification settings, and an SMTP server
 * that is down (the notification is saved and answered at once; the mail is
 * retried with backoff until the server is back).
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { SmtpTestServer, startSmtpServer } from '@internal/testing';
import { EmailNotificationProcessor } from './EmailNotificationProcessor';
import { createEmailNotificationsModule } from './module';
import { RetryPolicy } from './retry';
import {
  BASE_URL,
  emailOf,
  PEOPLE,
  PLATFORM_TEAM,
  SENDER,
  smtpConfig,
  startNotificationsBackend,
  TEST_ORIGIN,
} from './__testUtils__/notificationsBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const POLICY: RetryPolicy = {
  attempts: 4,
  firstDelayMs: 30_000,
  maxDelayMs: 120_000,
};

/** A wait the test releases by hand; records what was asked for. */
function manualWait() {
  const asked: number[] = [];
  const pending: Array<() => void> = [];
  let onAsk: (() => void) | undefined;
  return {
    asked,
    wait: (ms: number) =>
      new Promise<void>(resolve => {
        asked.push(ms);
        pending.push(resolve);
        onAsk?.();
      }),
    /** Resolves once the processor waits for the n-th time. */
    waitedTimes: (n: number) =>
      new Promise<void>(resolve => {
        const check = () => {
          if (asked.length >= n) resolve();
        };
        onAsk = check;
        check();
      }),
    releaseAll: () => pending.splice(0).forEach(r => r()),
  };
}

describe.each(databases.eachSupportedId())('email notifications on %p', id => {
  let smtp: SmtpTestServer;
  let processor: EmailNotificationProcessor;
  let t: Awaited<ReturnType<typeof startNotificationsBackend>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startNotificationsBackend({
      knex: await databases.init(id),
      email: smtpConfig(smtp.port),
      features: [
        createEmailNotificationsModule({
          retry: POLICY,
          onProcessor: p => {
            processor = p;
          },
        }),
      ],
    });
  });
  afterAll(async () => {
    await t?.backend.stop();
    await smtp?.stop();
  });
  beforeEach(() => {
    smtp.messages.length = 0;
  });

  it('mails each recipient at their catalog address, with the title as subject and a link back', async () => {
    await t.send({
      recipients: { type: 'entity', entityRef: [PEOPLE.sam, PEOPLE.alex] },
      payload: {
        title: 'REQ-7 is now triaged: Flaky integration environment',
        description: 'Flaky integration environment — looking into it',
        link: '/requests/REQ-7',
        topic: 'request-status',
      },
    });
    const mails = await smtp.waitForMessages(2);
    expect(mails.map(m => m.to).sort()).toEqual([
      [emailOf(PEOPLE.alex)],
      [emailOf(PEOPLE.sam)],
    ]);
    for (const mail of mails) {
      expect(mail.headers.from).toBe(SENDER);
      expect(mail.subject).toBe(
        'REQ-7 is now triaged: Flaky integration environment',
      );
      expect(mail.text).toContain(
        'Flaky integration environment — looking into it',
      );
      expect(mail.text).toContain(`${BASE_URL}/requests/REQ-7`);
      expect(mail.html).toContain(`href="${BASE_URL}/requests/REQ-7"`);
      expect(mail.text).toContain(`${BASE_URL}/settings/notifications`);
    }
  });

  it('mails every member of a group, and skips a person without an address', async () => {
    await t.send({
      recipients: { type: 'entity', entityRef: [PLATFORM_TEAM, PEOPLE.ghost] },
      payload: {
        title: 'REQ-8 breached its triage SLA: Deploys blocked',
        link: '/requests/REQ-8',
        topic: 'request-sla',
        severity: 'critical',
      },
    });
    const mails = await smtp.waitForMessages(2);
    await processor.idle();
    expect(smtp.messages.map(m => m.to[0]).sort()).toEqual(
      [emailOf(PEOPLE.omar), emailOf(PEOPLE.priya)].sort(),
    );
    expect(mails[0].subject).toBe(
      'REQ-8 breached its triage SLA: Deploys blocked',
    );
    // Ghost still has it in the portal.
    const inPortal = await t.asUser(PEOPLE.ghost, '/notifications');
    expect(inPortal.notifications.map((n: any) => n.payload.title)).toContain(
      'REQ-8 breached its triage SLA: Deploys blocked',
    );
  });

  it('sends no mail on a topic a person turned off for email, and keeps it in the portal', async () => {
    // The topic has reached Sam once, so the settings list it.
    const settings = await t.asUser(PEOPLE.sam, '/settings');
    const email = settings.channels.find((c: any) => c.id === 'Email');
    expect(email.origins).toEqual([
      expect.objectContaining({
        id: TEST_ORIGIN,
        topics: [expect.objectContaining({ id: 'request-status' })],
      }),
    ]);

    await t.asUser(PEOPLE.sam, '/settings', {
      channels: [
        {
          id: 'Email',
          origins: [
            {
              id: TEST_ORIGIN,
              enabled: true,
              topics: [{ id: 'request-comment', enabled: false }],
            },
          ],
        },
      ],
    });

    await t.send({
      recipients: { type: 'entity', entityRef: [PEOPLE.sam, PEOPLE.alex] },
      payload: {
        title: 'New comment on REQ-7: Flaky integration environment',
        link: '/requests/REQ-7',
        topic: 'request-comment',
      },
    });
    await smtp.waitForMessages(1);
    await processor.idle();
    // Sam's other topics still mail.
    await t.send({
      recipients: { type: 'entity', entityRef: PEOPLE.sam },
      payload: {
        title: 'REQ-7 is now planned: Flaky integration environment',
        link: '/requests/REQ-7',
        topic: 'request-status',
      },
    });
    await smtp.waitForMessages(2);
    await processor.idle();

    expect(smtp.messages.map(m => [m.to[0], m.subject])).toEqual([
      [
        emailOf(PEOPLE.alex),
        'New comment on REQ-7: Flaky integration environment',
      ],
      [
        emailOf(PEOPLE.sam),
        'REQ-7 is now planned: Flaky integration environment',
      ],
    ]);
    const inPortal = await t.asUser(PEOPLE.sam, '/notifications');
    expect(inPortal.notifications.map((n: any) => n.payload.title)).toContain(
      'New comment on REQ-7: Flaky integration environment',
    );
  });
});

describe('email notifications with the SMTP server down', () => {
  it('answers and keeps the notification at once, then retries with backoff until the server is back', async () => {
    // Held while the backend picks its own port, then let go: nothing
    // listens there when the mail is sent.
    const placeholder = await startSmtpServer();
    const port = placeholder.port;
    const wait = manualWait();
    let processor!: EmailNotificationProcessor;
    let smtp: SmtpTestServer | undefined;
    const t = await startNotificationsBackend({
      knex: await databases.init('SQLITE_3'),
      email: smtpConfig(port),
      features: [
        createEmailNotificationsModule({
          retry: POLICY,
          wait: wait.wait,
          onProcessor: p => {
            processor = p;
          },
        }),
      ],
    });
    await placeholder.stop();
    try {
      // Nothing listens on the port: the send still answers, while the
      // mail sits in its first backoff (never released yet).
      const sent = await t.send({
        recipients: { type: 'entity', entityRef: PEOPLE.sam },
        payload: {
          title: 'REQ-9 is now done: Faster builds',
          link: '/requests/REQ-9',
          topic: 'request-status',
        },
      });
      expect(sent).toHaveLength(1);
      const inPortal = await t.asUser(PEOPLE.sam, '/notifications');
      expect(inPortal.notifications.map((n: any) => n.payload.title)).toEqual([
        'REQ-9 is now done: Faster builds',
      ]);

      await wait.waitedTimes(1);
      expect(wait.asked).toEqual([30_000]);
      // Still down at the second attempt: the wait doubles.
      wait.releaseAll();
      await wait.waitedTimes(2);
      expect(wait.asked).toEqual([30_000, 60_000]);

      smtp = await startSmtpServer({ port });
      wait.releaseAll();
      const [mail] = await smtp.waitForMessages(1);
      expect(mail.to).toEqual([emailOf(PEOPLE.sam)]);
      expect(mail.subject).toBe('REQ-9 is now done: Faster builds');
      expect(mail.text).toContain(`${BASE_URL}/requests/REQ-9`);
      await processor.idle();
      expect(wait.asked).toEqual([30_000, 60_000]);
    } finally {
      wait.releaseAll();
      await t.backend.stop();
      await smtp?.stop();
    }
  });

  it('gives up after the last attempt, and the portal keeps working', async () => {
    // Held while the backend picks its own port, then let go: nothing
    // listens there when the mail is sent.
    const placeholder = await startSmtpServer();
    const port = placeholder.port;
    const wait = manualWait();
    let processor!: EmailNotificationProcessor;
    const t = await startNotificationsBackend({
      knex: await databases.init('SQLITE_3'),
      email: smtpConfig(port),
      features: [
        createEmailNotificationsModule({
          retry: { attempts: 2, firstDelayMs: 1_000, maxDelayMs: 1_000 },
          wait: async ms => {
            await wait.wait(ms);
          },
          onProcessor: p => {
            processor = p;
          },
        }),
      ],
    });
    await placeholder.stop();
    try {
      await t.send({
        recipients: { type: 'entity', entityRef: PEOPLE.alex },
        payload: { title: 'REQ-10 is now declined', topic: 'request-status' },
      });
      await wait.waitedTimes(1);
      wait.releaseAll();
      await processor.idle();
      expect(wait.asked).toEqual([1_000]);
      const inPortal = await t.asUser(PEOPLE.alex, '/notifications');
      expect(inPortal.notifications).toHaveLength(1);
    } finally {
      await t.backend.stop();
    }
  });
});

describe('email notifications without SMTP configured', () => {
  it('leave the backend as it was: the Web channel only, no Email channel', async () => {
    let processor: EmailNotificationProcessor | undefined;
    const t = await startNotificationsBackend({
      knex: await databases.init('SQLITE_3'),
      features: [
        createEmailNotificationsModule({
          onProcessor: p => {
            processor = p;
          },
        }),
      ],
    });
    try {
      await t.send({
        recipients: { type: 'entity', entityRef: PEOPLE.sam },
        payload: { title: 'REQ-11 is now triaged', topic: 'request-status' },
      });
      const settings = await t.asUser(PEOPLE.sam, '/settings');
      expect(settings.channels.map((c: any) => c.id)).toEqual(['Web']);
      expect(processor).toBeUndefined();
    } finally {
      await t.backend.stop();
    }
  });
});
