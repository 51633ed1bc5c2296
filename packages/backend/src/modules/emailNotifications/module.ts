/*
 * Adds the Email channel to Backstage's notifications when
 * `notifications.processors.email` is configured (in production from
 * SMTP_HOST and friends, see docs/operations.md); without it the backend
 * starts as before and sends no mail.
 *
 * Why not Backstage's @backstage/plugin-notifications-backend-module-email:
 * it runs on our release (emailModuleUpstream.test.ts sends through it), but
 * it logs and drops a mail the SMTP server did not take — no retry — and it
 * stops the backend when its section is absent. This processor reads the
 * same config keys (SMTP; `stream` means off) and retries with backoff.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationsProcessingExtensionPoint } from '@backstage/plugin-notifications-node';
import { emailOffReason, readEmailSettings, readRetryPolicy } from './config';
import { EmailNotificationProcessor } from './EmailNotificationProcessor';
import { realWait, RetryPolicy, Wait } from './retry';

export function createEmailNotificationsModule(
  options: {
    retry?: RetryPolicy;
    wait?: Wait;
    /** Hands the processor to a test. */
    onProcessor?: (processor: EmailNotificationProcessor) => void;
  } = {},
) {
  return createBackendModule({
    pluginId: 'notifications',
    moduleId: 'lodestar-email',
    register(reg) {
      reg.registerInit({
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          auth: coreServices.auth,
          catalog: catalogServiceRef,
          notifications: notificationsProcessingExtensionPoint,
        },
        async init({ config, logger, auth, catalog, notifications }) {
          const off = emailOffReason(config);
          const settings = readEmailSettings(config);
          if (off || !settings) {
            logger.info(`Email notifications are off: ${off}`);
            return;
          }
          const processor = new EmailNotificationProcessor({
            settings,
            catalog,
            auth,
            logger,
            retry: options.retry ?? readRetryPolicy(config),
            wait: options.wait ?? realWait,
          });
          notifications.addProcessor(processor);
          options.onProcessor?.(processor);
          logger.info(
            `Email notifications go through ${settings.smtp.host}:${settings.smtp.port}`,
          );
        },
      });
    },
  });
}

export default createEmailNotificationsModule();
