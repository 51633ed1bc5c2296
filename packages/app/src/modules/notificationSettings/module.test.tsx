import { renderTestApp } from '@backstage/frontend-test-utils';
import {
  NotificationsApi,
  notificationsApiRef,
} from '@backstage/plugin-notifications';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import { screen } from '@testing-library/react';
import { notificationSettingsModule } from './module';

describe('notificationSettingsModule', () => {
  it('adds a Notifications tab to the Settings page, at /settings/notifications', async () => {
    const api: Partial<NotificationsApi> = {
      getNotificationSettings: async () => ({
        channels: [
          {
            id: 'Email',
            origins: [
              { id: 'plugin:platform-requests', enabled: true, topics: [] },
            ],
          },
        ],
      }),
    };
    renderTestApp({
      features: [userSettingsPlugin, notificationSettingsModule],
      initialRouteEntries: ['/settings/notifications'],
      apis: [[notificationsApiRef, api as NotificationsApi]],
    });
    expect(await screen.findByText('Platform requests')).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Notifications' }),
    ).toBeInTheDocument();
  });
});
