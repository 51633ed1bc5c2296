/*
 * The notification topics of platform requests. Each is its own row in
 * Settings → Notifications, so people turn, say, comment emails off and keep
 * status changes. The origin is the plugin's service principal, which the
 * notifications backend records as the sender.
 */
export const REQUEST_NOTIFICATION_ORIGIN = 'plugin:platform-requests';

export const REQUEST_NOTIFICATION_TOPICS = {
  /** A request you follow changed status (to its requester and watchers). */
  status: 'request-status',
  /** Someone commented on a request you follow. */
  comment: 'request-comment',
  /** A request is at 80 % of its triage or resolve SLA, or past it (platform team). */
  sla: 'request-sla',
  /** The weekly intake digest (platform team). */
  digest: 'request-digest',
  /** An improvement answering a request you follow shipped: please rate it. */
  shipped: 'improvement-shipped',
} as const;

export type RequestNotificationTopic =
  (typeof REQUEST_NOTIFICATION_TOPICS)[keyof typeof REQUEST_NOTIFICATION_TOPICS];

/** How the settings page names the origin and the topics. */
export const REQUEST_NOTIFICATION_NAMES = {
  origins: { [REQUEST_NOTIFICATION_ORIGIN]: 'Platform requests' },
  topics: {
    [REQUEST_NOTIFICATION_TOPICS.status]:
      'Status changes of requests you watch',
    [REQUEST_NOTIFICATION_TOPICS.comment]: 'Comments on requests you watch',
    [REQUEST_NOTIFICATION_TOPICS.sla]: 'SLA warnings (platform team)',
    [REQUEST_NOTIFICATION_TOPICS.digest]:
      'Weekly intake digest (platform team)',
    [REQUEST_NOTIFICATION_TOPICS.shipped]:
      'Improvements shipped for requests you follow',
  },
};
