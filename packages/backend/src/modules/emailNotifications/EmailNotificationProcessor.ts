/*
 * The "Email" channel of Backstage's notifications: every notification a
 * person receives in the portal is also mailed to the address on their
 * catalog User (spec.profile.email), unless they turned the channel, the
 * origin or the topic off in Settings → Notifications (the notifications
 * backend checks that before calling postProcess).
 *
 * postProcess runs after the notification is saved and does not wait for
 * the mail: delivery, with its retries, runs on its own, so a slow or
 * absent SMTP server never holds up the change that caused it.
 */
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Notification } from '@backstage/plugin-notifications-common';
import {
  NotificationProcessor,
  NotificationSendOptions,
  resolveNotificationLink,
} from '@backstage/plugin-notifications-node';
import { createTransport, Transporter } from 'nodemailer';
import { EmailSettings } from './config';
import { RetryPolicy, Wait, withRetry } from './retry';

export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
};

export class EmailNotificationProcessor implements NotificationProcessor {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly transporter: Transporter;

  constructor(
    private readonly options: {
      settings: EmailSettings;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      retry: RetryPolicy;
      wait: Wait;
    },
  ) {
    const { smtp } = options.settings;
    this.transporter = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      requireTLS: smtp.requireTls,
      auth: smtp.auth,
      // A server that accepts the connection and then says nothing fails
      // the attempt instead of holding it forever.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
  }

  getName(): string {
    return 'Email';
  }

  async postProcess(
    notification: Notification,
    _options: NotificationSendOptions,
  ): Promise<void> {
    // Lodestar sends to people, never broadcasts; a broadcast has no user.
    if (!notification.user) return;
    const delivery = this.deliver(notification, notification.user).catch(
      error =>
        this.options.logger.error(
          `Email for notification ${notification.id} failed: ${error}`,
        ),
    );
    this.pending.add(delivery);
    delivery.finally(() => this.pending.delete(delivery));
  }

  /** Resolves when every mail started so far was sent or given up (tests). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.all([...this.pending]);
    }
  }

  private async deliver(notification: Notification, userRef: string) {
    const { logger } = this.options;
    const to = await this.emailOf(userRef);
    if (!to) {
      logger.debug(`No email for ${userRef}; notification ${notification.id}`);
      return;
    }
    const message = this.compose(notification, to);
    const sent = await withRetry(
      async () => {
        await this.transporter.sendMail({
          from: this.options.settings.sender,
          replyTo: this.options.settings.replyTo,
          ...message,
        });
      },
      {
        policy: this.options.retry,
        wait: this.options.wait,
        onFailure: ({ attempt, error, retryInMs }) => {
          const what = `Email for notification ${notification.id} to ${userRef} (attempt ${attempt})`;
          if (retryInMs === undefined) {
            logger.error(`${what} failed, giving up: ${error}`);
          } else {
            logger.warn(
              `${what} failed, retrying in ${Math.round(
                retryInMs / 1000,
              )} s: ${error}`,
            );
          }
        },
      },
    );
    if (sent) {
      logger.debug(`Emailed notification ${notification.id} to ${userRef}`);
    }
  }

  private async emailOf(userRef: string): Promise<string | undefined> {
    const entity = await this.options.catalog.getEntityByRef(userRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    const email = (entity?.spec as { profile?: { email?: unknown } })?.profile
      ?.email;
    return typeof email === 'string' && /^[^\s@<>]+@[^\s@<>]+$/.test(email)
      ? email
      : undefined;
  }

  /** Subject: the title. Body: the description, the link, how to opt out. */
  compose(notification: Notification, to: string): EmailMessage {
    const base = this.options.settings.frontendBaseUrl.replace(/\/$/, '');
    const { title, description, link } = notification.payload;
    const url =
      resolveNotificationLink(link, base) ?? link ?? `${base}/notifications`;
    const settings = `${base}/settings/notifications`;
    const why =
      'You receive this because of your notification settings in the portal; turn email for this topic off at';
    const text = [description, url, `--\n${why} ${settings}`]
      .filter(Boolean)
      .join('\n\n');
    const html = [
      description
        ? `<p>${escapeHtml(description).replace(/\n/g, '<br/>\n')}</p>`
        : '',
      `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`,
      `<p style="color:#666;font-size:smaller">${why} <a href="${escapeHtml(
        settings,
      )}">${escapeHtml(settings)}</a>.</p>`,
    ].join('\n');
    return { to, subject: title.replace(/[\r\n]+/g, ' '), text, html };
  }
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
