/*
 * The notification topic of pulse surveys: a round opened for you. Its own
 * row in Settings → Notifications.
 */
export const SURVEY_NOTIFICATION_ORIGIN = 'plugin:platform-surveys';

export const SURVEY_NOTIFICATION_TOPICS = {
  roundOpened: 'survey-round-opened',
} as const;

export const SURVEY_NOTIFICATION_NAMES = {
  origins: { [SURVEY_NOTIFICATION_ORIGIN]: 'Pulse surveys' },
  topics: {
    [SURVEY_NOTIFICATION_TOPICS.roundOpened]: 'A pulse survey opened for you',
  },
};

/** The survey's page, relative to app.baseUrl. */
export function surveyLink(surveyId: string): string {
  return `/surveys/${surveyId}`;
}
