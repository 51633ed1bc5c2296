import { Content } from '@backstage/core-components';
import { UserNotificationSettingsCard } from '@backstage/plugin-notifications';
import { REQUEST_NOTIFICATION_NAMES } from '@internal/plugin-platform-requests-common';
import { SURVEY_NOTIFICATION_NAMES } from '@internal/plugin-platform-surveys-common';

/** Names for the origins and topics Lodestar sends; others show their ids. */
const originNames: Record<string, string> = {
  ...REQUEST_NOTIFICATION_NAMES.origins,
  ...SURVEY_NOTIFICATION_NAMES.origins,
  'plugin:scaffolder': 'Software templates',
};

export function NotificationSettings() {
  return (
    <Content>
      <UserNotificationSettingsCard
        originNames={originNames}
        topicNames={{
          ...REQUEST_NOTIFICATION_NAMES.topics,
          ...SURVEY_NOTIFICATION_NAMES.topics,
        }}
      />
    </Content>
  );
}
