/*
 * A test-only webhook source: HMAC-SHA256 of the body in `x-fake-signature`,
 * the delivery id in `x-fake-delivery`, and a payload that says what it
 * means ({ ping }, { ignore }, or { repo, events }). It lets the routes, the
 * store and the mapping be tested on their own; the real GitHub, GitLab and
 * PagerDuty sources have their own tests.
 */
import { AuthenticationError, InputError } from '@backstage/errors';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  CLAIM_ANNOTATIONS,
  ParsedDelivery,
  UnclaimedEvent,
  WebhookSource,
  WebhookSourceId,
} from '../sources/types';

export function sign(secret: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function fakeWebhookSource(id: WebhookSourceId): WebhookSource {
  return {
    id,
    verify(headers: IncomingHttpHeaders, rawBody: Buffer, secrets) {
      const given = Buffer.from(String(headers['x-fake-signature'] ?? ''));
      const ok = secrets.some(secret => {
        const expected = Buffer.from(sign(secret, rawBody));
        return (
          expected.length === given.length && timingSafeEqual(expected, given)
        );
      });
      if (!ok) throw new AuthenticationError('x-fake-signature: no match');
    },
    parse(_headers, payload: any): ParsedDelivery {
      if (payload?.ping) return { kind: 'ping' };
      if (payload?.ignore) return { kind: 'ignored', reason: payload.ignore };
      if (typeof payload?.repo !== 'string') {
        throw new InputError('repository.full_name: is required');
      }
      return {
        kind: 'events',
        claim: { annotation: CLAIM_ANNOTATIONS[id], value: payload.repo },
        events: payload.events as UnclaimedEvent[],
      };
    },
    deliveryId(headers) {
      const value = headers['x-fake-delivery'];
      return typeof value === 'string' ? value : undefined;
    },
  };
}
