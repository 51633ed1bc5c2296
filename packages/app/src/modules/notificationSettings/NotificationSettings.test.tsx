import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  NotificationsApi,
  notificationsApiRef,
} from '@backstage/plugin-notifications';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NotificationSettings } from './NotificationSettings';

type Settings = Awaited<
  ReturnType<NotificationsApi['getNotificationSettings']>
>;

// What GET /api/notifications/settings answers once Lodestar's topics have
// reached a person, with the Email channel installed.
const settings: Settings = {
  channels: ['Web', 'Email'].map(id => ({
    id,
    origins: [
      {
        id: 'plugin:platform-requests',
        enabled: true,
        topics: [
          { id: 'request-status', enabled: true },
          { id: 'request-comment', enabled: true },
        ],
      },
    ],
  })),
};

describe('Settings → Notifications', () => {
  it('lists Lodestar’s topics by name per channel and saves a topic turned off for email', async () => {
    const saved: Settings[] = [];
    const api: Partial<NotificationsApi> = {
      getNotificationSettings: async () => settings,
      updateNotificationSettings: async next => {
        saved.push(next);
        return next;
      },
    };
    await renderInTestApp(<NotificationSettings />, {
      apis: [[notificationsApiRef, api as NotificationsApi]],
    });

    expect(await screen.findByText('Platform requests')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'expand row' }));
    const row = screen
      .getByText('Comments on requests you watch')
      .closest('tr')!;
    expect(
      screen.getByText('Status changes of requests you watch'),
    ).toBeInTheDocument();
    // One switch per channel: Web, then Email.
    const switches = within(row).getAllByRole('switch');
    expect(switches).toHaveLength(2);
    await userEvent.click(switches[1]);

    expect(saved).toHaveLength(1);
    const email = saved[0].channels.find(c => c.id === 'Email')!;
    expect(email.origins[0].topics).toContainEqual({
      id: 'request-comment',
      enabled: false,
    });
  });
});
