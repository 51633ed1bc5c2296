/*
 * Tells the rest of Backstage about changes, after they are committed: an
 * event on the events service for every change (the KPI plugin computes
 * intake flow from them) and a notification to the watchers (the requester
 * among them, unless they stopped following) on status changes and
 * comments, and to the platform team on SLA warnings and the weekly digest. With email configured
 * each notification is mailed too: the title is the subject, the
 * description the body, and the link leads back to the request. Neither may
 * undo a change that already happened, so failures here are logged, not
 * thrown.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { RequestNotificationTopic } from '@internal/plugin-platform-requests-common';
import type { StoredRequest } from '../database/RequestStore';

export const REQUEST_TOPICS = {
  created: 'platform-requests.request.created',
  statusChanged: 'platform-requests.request.status-changed',
  updated: 'platform-requests.request.updated',
  voted: 'platform-requests.request.voted',
  commented: 'platform-requests.request.commented',
  rated: 'platform-requests.request.rated',
} as const;

export type RequestTopic = (typeof REQUEST_TOPICS)[keyof typeof REQUEST_TOPICS];

/** The payload of every platform-requests event. */
export type RequestEventPayload = {
  key: string;
  actor: string;
  at: string;
  status: string;
  requester: string;
  requestingTeam: string;
  category: string;
  urgency: string;
  impact: { peopleAffected: number; hoursLostPerWeek: number };
  createdAt: string;
  /** For status changes. */
  from?: string;
  to?: string;
  [detail: string]: unknown;
};

export function eventPayload(
  row: StoredRequest,
  actor: string,
  at: string,
  details: Record<string, unknown> = {},
): RequestEventPayload {
  return {
    key: row.key,
    actor,
    at,
    status: row.status,
    requester: row.requester,
    requestingTeam: row.requestingTeam,
    category: row.category,
    urgency: row.urgency,
    impact: row.impact,
    createdAt: row.createdAt,
    ...details,
  };
}

export class RequestNotifier {
  constructor(
    private readonly events: EventsService,
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  async publish(topic: RequestTopic, payload: RequestEventPayload) {
    try {
      await this.events.publish({ topic, eventPayload: payload });
    } catch (error) {
      this.logger.warn(`Could not publish ${topic} for ${payload.key}`, {
        error: String(error),
      });
    }
  }

  /** Notifies the watchers, except whoever made the change. */
  async notifyWatchers(options: {
    key: string;
    watchers: string[];
    actor: string;
    title: string;
    description: string;
    topic: RequestNotificationTopic;
  }) {
    const recipients = options.watchers.filter(w => w !== options.actor);
    if (recipients.length === 0) return;
    try {
      await this.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: recipients,
          excludeEntityRef: options.actor,
        },
        payload: {
          title: options.title,
          description: options.description,
          link: requestLink(options.key),
          topic: options.topic,
        },
      });
    } catch (error) {
      this.logger.warn(`Could not notify the watchers of ${options.key}`, {
        error: String(error),
      });
    }
  }

  /**
   * Notifies a group (the notifications backend resolves it to its
   * members). Throws, so that the caller can try again later.
   */
  async notifyGroup(options: {
    group: string;
    /** Relative to app.baseUrl, e.g. requestLink(key). */
    link: string;
    title: string;
    description: string;
    topic: RequestNotificationTopic;
    severity: NotificationSendOptions['payload']['severity'];
  }) {
    await this.notifications.send({
      recipients: { type: 'entity', entityRef: options.group },
      payload: {
        title: options.title,
        description: options.description,
        link: options.link,
        topic: options.topic,
        severity: options.severity,
      },
    });
  }
}

/** The request's page, relative to app.baseUrl. */
export function requestLink(key: string): string {
  return `/requests/${key}`;
}
