import {
  createFrontendModule,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';

/*
 * Settings → Notifications: Backstage's notification settings card (each
 * channel — Web, Email — by origin and topic), which the user-settings
 * plugin does not offer as a tab on the new frontend system. Turning a topic
 * off for Email there stops its mails; the notifications backend checks it
 * before every send.
 */
const notificationSettingsPage = SubPageBlueprint.make({
  name: 'notifications',
  params: {
    path: 'notifications',
    title: 'Notifications',
    loader: () =>
      import('./NotificationSettings').then(m => <m.NotificationSettings />),
  },
});

export const notificationSettingsModule = createFrontendModule({
  pluginId: 'user-settings',
  extensions: [notificationSettingsPage],
});
