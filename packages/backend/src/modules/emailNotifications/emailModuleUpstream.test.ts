/*
 * Backstage's own email module (@backstage/plugin-notifications-backend-
 * module-email 0.3.25) on our release: it declares plugin-catalog-node ^2,
 * which the root resolutions force to 3.0. Every import of its dist code
 * exists in our packages (catalogServiceRef, the notifications extension
 * point, resolveNotificationLink, getProcessorFiltersFromConfig), and this
 * test sends through it to a real SMTP server. Lodestar still uses its own
 * processor (module.ts says why: no retry, and no way to leave it
 * unconfigured); this keeps the switch back an informed one.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import upstreamEmailModule from '@backstage/plugin-notifications-backend-module-email';
import { SmtpTestServer, startSmtpServer } from '@internal/testing';
import {
  BASE_URL,
  emailOf,
  PEOPLE,
  SENDER,
  smtpConfig,
  startNotificationsBackend,
} from './__testUtils__/notificationsBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe("Backstage's notifications email module on our release", () => {
  let smtp: SmtpTestServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.stop();
  });

  it('sends a notification as mail through a real SMTP server', async () => {
    const t = await startNotificationsBackend({
      knex: await databases.init('SQLITE_3'),
      email: smtpConfig(smtp.port),
      features: [upstreamEmailModule],
    });
    try {
      await t.send({
        recipients: { type: 'entity', entityRef: PEOPLE.sam },
        payload: {
          title: 'REQ-3 is now planned: Shared staging database',
          description: 'Shared staging database (changed by priya)',
          link: '/requests/REQ-3',
          topic: 'request-status',
        },
      });
      const [mail] = await smtp.waitForMessages(1);
      expect(mail.to).toEqual([emailOf(PEOPLE.sam)]);
      expect(mail.headers.from).toBe(SENDER);
      expect(mail.subject).toBe(
        'REQ-3 is now planned: Shared staging database',
      );
      expect(mail.text).toContain(`${BASE_URL}/requests/REQ-3`);
    } finally {
      await t.backend.stop();
    }
  });
});
