/*
 * Test doubles the backend plugins' test backends share
 * (`@internal/plugin-platform-node/testUtils`): sign-in's user info from a
 * table of team memberships, and notifications collected instead of sent.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';

/**
 * Sign-in's user info: the user and their teams own things. `membership`
 * maps a user ref to its group refs; anyone not in it is in no team.
 */
export function membershipUserInfo(membership: Record<string, string[]>) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials) {
        const principal = credentials.principal as {
          type: string;
          userEntityRef?: string;
        };
        if (principal.type !== 'user' || !principal.userEntityRef) {
          throw new Error(`no user info for a ${principal.type} principal`);
        }
        const ref = principal.userEntityRef;
        return {
          userEntityRef: ref,
          ownershipEntityRefs: [ref, ...(membership[ref] ?? [])],
        };
      },
    }),
  });
}

/** The notification service, keeping every notification in `sent`. */
export function collectedNotifications(sent: NotificationSendOptions[]) {
  return createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      async send(notification: NotificationSendOptions) {
        sent.push(notification);
      },
    }),
  });
}
