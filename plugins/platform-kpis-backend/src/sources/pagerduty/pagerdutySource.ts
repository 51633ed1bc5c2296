/*
 * PagerDuty v3 webhooks (a webhook subscription): incident.triggered opens
 * an incident, incident.resolved resolves the same one, so the store keeps
 * one incident per PagerDuty incident. Payload shapes and the signature
 * scheme: developer.pagerduty.com, "Webhooks v3 overview" and "Verifying
 * Signatures" (the examples in packages/demo-data/src/webhooks/pagerduty
 * name them).
 *
 * Severity: PagerDuty's default priorities P1–P5 map to sev1, sev2, sev3,
 * sev4, sev4. An incident without priority (or with a renamed one) falls
 * back to its urgency: high → sev2, low → sev4; with neither, sev3.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { AuthenticationError } from '@backstage/errors';
import { IncidentEventInput } from '@internal/plugin-platform-kpis-common';
import { z } from 'zod';
import { eventId, eventTime, header, readPayload } from '../payload';
import { anyHmacMatches, signingSecrets } from '../signatures';
import {
  CLAIM_ANNOTATIONS,
  ParsedDelivery,
  UnclaimedEvent,
  WebhookSource,
} from '../types';

const SIGNATURE_HEADER = 'X-PagerDuty-Signature';
const SOURCE = 'pagerduty';
type Severity = NonNullable<IncidentEventInput['severity']>;

const PRIORITIES: Record<string, Severity> = {
  P1: 'sev1',
  P2: 'sev2',
  P3: 'sev3',
  P4: 'sev4',
  P5: 'sev4',
};
const URGENCIES: Record<string, Severity> = { high: 'sev2', low: 'sev4' };

const envelope = z.object({
  event: z.object({ id: z.string().min(1), event_type: z.string() }),
});

const incidentData = z.object({
  id: z.string().min(1),
  created_at: eventTime.optional(),
  service: z.object({ id: z.string().min(1) }),
  priority: z.object({ summary: z.string().nullish() }).nullish(),
  urgency: z.string().nullish(),
});

const triggeredPayload = z.object({
  event: z.object({ occurred_at: eventTime, data: incidentData }),
});

/** A resolution must say when its incident began. */
const resolvedPayload = z.object({
  event: z.object({
    occurred_at: eventTime,
    data: incidentData.extend({ created_at: eventTime }),
  }),
});

export function createPagerdutySource(): WebhookSource {
  function incident(payload: unknown, resolved: boolean): ParsedDelivery {
    const { event } = readPayload(
      resolved ? resolvedPayload : triggeredPayload,
      payload,
      '',
    );
    const data = event.data;
    const incidentEvent: UnclaimedEvent = {
      type: 'incident',
      // The same id for both, so the resolution closes the stored incident.
      id: eventId(SOURCE, 'incident', data.id),
      severity: severityOf(data.priority?.summary, data.urgency),
      openedAt: data.created_at ?? event.occurred_at,
      ...(resolved ? { resolvedAt: event.occurred_at } : {}),
      source: SOURCE,
    };
    return {
      kind: 'events',
      claim: {
        annotation: CLAIM_ANNOTATIONS.pagerduty,
        value: data.service.id,
      },
      events: [incidentEvent],
    };
  }

  return {
    id: 'pagerduty',

    verify(
      headers: IncomingHttpHeaders,
      rawBody: Buffer,
      secrets: readonly string[],
    ) {
      const usable = signingSecrets(secrets, SOURCE);
      const value = header(headers, SIGNATURE_HEADER);
      if (!value) {
        throw new AuthenticationError(`${SIGNATURE_HEADER} header is missing`);
      }
      // "v1=<hex>,v1=<hex>": one per signing secret during a rotation.
      const signatures = value
        .split(',')
        .map(s => s.trim())
        .filter(s => s.startsWith('v1='))
        .map(s => s.slice('v1='.length));
      if (!anyHmacMatches(signatures, usable, rawBody)) {
        throw new AuthenticationError(
          `${SIGNATURE_HEADER} matches none of the configured secrets`,
        );
      }
    },

    parse(_headers: IncomingHttpHeaders, payload: unknown): ParsedDelivery {
      const { event } = readPayload(envelope, payload, '');
      switch (event.event_type) {
        case 'pagey.ping':
          return { kind: 'ping' };
        case 'incident.triggered':
          return incident(payload, false);
        case 'incident.resolved':
          return incident(payload, true);
        default:
          return {
            kind: 'ignored',
            reason: `pagerduty event "${event.event_type}" is not used`,
          };
      }
    },

    deliveryId(_headers: IncomingHttpHeaders, payload: unknown) {
      const parsed = envelope.safeParse(payload);
      return parsed.success ? parsed.data.event.id : undefined;
    },
  };
}

export function severityOf(
  priority: string | null | undefined,
  urgency: string | null | undefined,
): Severity {
  const byPriority = priority
    ? PRIORITIES[priority.trim().toUpperCase()]
    : undefined;
  return byPriority ?? (urgency ? URGENCIES[urgency] : undefined) ?? 'sev3';
}
