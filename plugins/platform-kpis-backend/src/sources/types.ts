/*
 * The contract between the webhook routes and the event sources (GitHub,
 * GitLab, PagerDuty). A source verifies a delivery and turns its payload into
 * the same events `POST /events` takes, minus `entityRef`: which component an
 * event belongs to is decided afterwards from catalog annotations, so the
 * DORA rules exist once, in the ingestion path.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { KpiEventInput } from '@internal/plugin-platform-kpis-common';

export const WEBHOOK_SOURCE_IDS = ['github', 'gitlab', 'pagerduty'] as const;
export type WebhookSourceId = (typeof WEBHOOK_SOURCE_IDS)[number];

/** The catalog annotation through which a component claims a source's events. */
export const CLAIM_ANNOTATIONS: Record<WebhookSourceId, string> = {
  github: 'github.com/project-slug',
  gitlab: 'gitlab.com/project-slug',
  pagerduty: 'pagerduty.com/service-id',
};

/** An event as `POST /events` takes it, before a component is chosen. */
export type UnclaimedEvent = KpiEventInput extends infer E
  ? E extends { entityRef: unknown }
    ? Omit<E, 'entityRef'>
    : never
  : never;

/** What a verified delivery means for the KPIs. */
export type ParsedDelivery =
  /** GitHub's `ping` and the like: answered 200, nothing stored. */
  | { kind: 'ping' }
  /** A delivery the portal does not use: answered 202 with the reason. */
  | { kind: 'ignored'; reason: string }
  | {
      kind: 'events';
      /**
       * Who the events are about, as a component would name it in its
       * annotation: `owner/repo` (GitHub), `group/sub/project` (GitLab), the
       * PagerDuty service id. Compared case-insensitively.
       */
      claim: { annotation: string; value: string };
      events: UnclaimedEvent[];
    };

export interface WebhookSource {
  readonly id: WebhookSourceId;
  /**
   * Throws `AuthenticationError` when the signature (or token) is missing or
   * matches none of `secrets`. Compares in constant time. `rawBody` is the
   * body exactly as received: signatures are over bytes, not parsed JSON.
   */
  verify(
    headers: IncomingHttpHeaders,
    rawBody: Buffer,
    secrets: readonly string[],
  ): void;
  /**
   * Maps a verified delivery. Throws `InputError` naming the field
   * (`deployment_status.deployment.sha: is required`) when a payload the
   * portal uses is malformed. Event ids are stable across redeliveries, so
   * the store keeps each event once.
   */
  parse(headers: IncomingHttpHeaders, payload: unknown): ParsedDelivery;
  /**
   * The idempotency key of the delivery (`X-GitHub-Delivery`,
   * `X-Gitlab-Event-UUID` or the object id, the PagerDuty event id), or
   * undefined when it has none.
   */
  deliveryId(
    headers: IncomingHttpHeaders,
    payload: unknown,
  ): string | undefined;
}
