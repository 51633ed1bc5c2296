/*
 * The PagerDuty source against the v3 payloads PagerDuty documents,
 * transcribed in @internal/demo-data (packages/demo-data/src/webhooks/
 * pagerduty, see its README). incident.triggered and
 * incident.resolved carry the documented `incident` object; they are built
 * from the documented incident.priority_updated delivery by changing the
 * fields named in `delivery` below.
 */
import { AuthenticationError, InputError } from '@backstage/errors';
import { pagerdutyExample } from '@internal/demo-data';
import { parseEvent } from '@internal/plugin-platform-kpis-common';
import { createHmac } from 'node:crypto';
import { createPagerdutySource, severityOf } from './pagerdutySource';
import { ParsedDelivery, UnclaimedEvent } from '../types';

const priorityUpdated = pagerdutyExample('incident.priority_updated');
const serviceUpdated = pagerdutyExample('service.updated');

const source = createPagerdutySource();

/** The documented incident delivery as another event type. */
function delivery(eventType: 'incident.triggered' | 'incident.resolved'): any {
  const payload: any = structuredClone(priorityUpdated);
  payload.event.event_type = eventType;
  if (eventType === 'incident.triggered') {
    payload.event.id = '01DEN3RNHB8BD4L5XCAUM6ZZBQ';
    payload.event.occurred_at = '2020-04-09T15:16:27Z';
  } else {
    payload.event.id = '01DEN3W9GWBXWD6JJ3BC2G4AXP';
    payload.event.occurred_at = '2020-04-09T16:01:02Z';
    payload.event.data.status = 'resolved';
  }
  return payload;
}

function eventsOf(parsed: ParsedDelivery): UnclaimedEvent[] {
  if (parsed.kind !== 'events') {
    throw new Error(`expected events, got ${JSON.stringify(parsed)}`);
  }
  return parsed.events;
}

const hmac = (secret: string, body: Buffer) =>
  createHmac('sha256', secret).update(body).digest('hex');

describe('pagerduty source: verify', () => {
  const body = Buffer.from(JSON.stringify(delivery('incident.triggered')));

  it('accepts a v1 signature made with the secret', () => {
    expect(() =>
      source.verify(
        { 'x-pagerduty-signature': `v1=${hmac('pd-secret', body)}` },
        body,
        ['pd-secret'],
      ),
    ).not.toThrow();
  });

  it('computes the HMAC GitHub publishes a test vector for (the same algorithm)', () => {
    expect(() =>
      source.verify(
        {
          'x-pagerduty-signature':
            'v1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
        },
        Buffer.from('Hello, World!'),
        ["It's a Secret to Everybody"],
      ),
    ).not.toThrow();
  });

  it('accepts any of several signatures against any of several secrets (rotation)', () => {
    const header = `v1=${hmac('retired', body)},v1=${hmac('current', body)}`;
    expect(() =>
      source.verify({ 'x-pagerduty-signature': header }, body, [
        'unrelated',
        'current',
      ]),
    ).not.toThrow();
    expect(() =>
      source.verify(
        { 'x-pagerduty-signature': `v1=${hmac('new', body)}` },
        body,
        ['old', 'new'],
      ),
    ).not.toThrow();
  });

  it('refuses a missing signature', () => {
    expect(() => source.verify({}, body, ['pd-secret'])).toThrow(
      new AuthenticationError('X-PagerDuty-Signature header is missing'),
    );
  });

  it('refuses wrong signatures, other versions and a changed body', () => {
    const right = hmac('pd-secret', body);
    for (const [header, signed] of [
      [`v1=${hmac('guess', body)}`, body],
      [`v0=${right}`, body],
      [right, body],
      [`v1=${right}`, Buffer.concat([body, Buffer.from(' ')])],
    ] as const) {
      expect(() =>
        source.verify({ 'x-pagerduty-signature': header }, signed, [
          'pd-secret',
        ]),
      ).toThrow('X-PagerDuty-Signature matches none of the configured secrets');
    }
  });
});

describe('pagerduty source: parse', () => {
  it('opens an incident on incident.triggered', () => {
    const parsed = source.parse({}, delivery('incident.triggered'));
    expect(parsed).toEqual({
      kind: 'events',
      claim: { annotation: 'pagerduty.com/service-id', value: 'PF9KMXH' },
      events: [
        {
          type: 'incident',
          id: 'pagerduty:incident:PGR0VU2',
          severity: 'sev1',
          openedAt: '2020-04-09T15:16:27Z',
          source: 'pagerduty',
        },
      ],
    });
    const [event] = eventsOf(parsed);
    expect(
      parseEvent({ ...event, entityRef: 'component:default/api' }, 0),
    ).toMatchObject({ ok: true });
  });

  it('resolves the same incident on incident.resolved', () => {
    const opened = eventsOf(source.parse({}, delivery('incident.triggered')));
    const resolved = eventsOf(source.parse({}, delivery('incident.resolved')));
    expect(resolved).toEqual([
      {
        type: 'incident',
        id: opened[0].id,
        severity: 'sev1',
        openedAt: '2020-04-09T15:16:27Z',
        resolvedAt: '2020-04-09T16:01:02Z',
        source: 'pagerduty',
      },
    ]);
    expect(
      parseEvent({ ...resolved[0], entityRef: 'component:default/api' }, 0),
    ).toMatchObject({ ok: true, event: { resolvedAt: expect.any(Number) } });
  });

  it('opens at occurred_at when the incident has no created_at', () => {
    const payload = delivery('incident.triggered');
    delete payload.event.data.created_at;
    const [event] = eventsOf(source.parse({}, payload));
    expect(event).toMatchObject({ openedAt: '2020-04-09T15:16:27Z' });
  });

  it('maps priority, then urgency, to a severity', () => {
    expect(severityOf('P1', 'low')).toBe('sev1');
    expect(severityOf('P2', undefined)).toBe('sev2');
    expect(severityOf('p3', undefined)).toBe('sev3');
    expect(severityOf('P4', 'high')).toBe('sev4');
    expect(severityOf('P5', undefined)).toBe('sev4');
    expect(severityOf('SEV-A', 'high')).toBe('sev2');
    expect(severityOf(null, 'low')).toBe('sev4');
    expect(severityOf(undefined, undefined)).toBe('sev3');

    const payload = delivery('incident.triggered');
    payload.event.data.priority = null;
    payload.event.data.urgency = 'low';
    expect(eventsOf(source.parse({}, payload))[0]).toMatchObject({
      severity: 'sev4',
    });
  });

  it("answers the subscription's test event (pagey.ping) with ping", () => {
    const ping = structuredClone(serviceUpdated) as any;
    ping.event.event_type = 'pagey.ping';
    expect(source.parse({}, ping)).toEqual({ kind: 'ping' });
  });

  it('ignores the event types the portal does not use', () => {
    expect(source.parse({}, structuredClone(priorityUpdated))).toEqual({
      kind: 'ignored',
      reason: 'pagerduty event "incident.priority_updated" is not used',
    });
    expect(source.parse({}, structuredClone(serviceUpdated))).toEqual({
      kind: 'ignored',
      reason: 'pagerduty event "service.updated" is not used',
    });
  });

  it('names the field of a malformed payload', () => {
    const noService = delivery('incident.triggered');
    delete noService.event.data.service;
    expect(() => source.parse({}, noService)).toThrow(
      new InputError('event.data.service: is required'),
    );

    const unopened = delivery('incident.resolved');
    delete unopened.event.data.created_at;
    expect(() => source.parse({}, unopened)).toThrow(
      'event.data.created_at: is required',
    );

    const badTime = delivery('incident.resolved');
    badTime.event.occurred_at = 1602528000;
    expect(() => source.parse({}, badTime)).toThrow(
      'event.occurred_at: must be a string',
    );

    expect(() => source.parse({}, { event: { id: 'x' } })).toThrow(
      'event.event_type: is required',
    );
    expect(() => source.parse({}, [])).toThrow(InputError);
  });
});

describe('pagerduty source: deliveryId', () => {
  it('is the event id', () => {
    expect(source.deliveryId({}, structuredClone(priorityUpdated))).toBe(
      '5ac64822-4adc-4fda-ade0-410becf0de4f',
    );
    expect(source.deliveryId({}, { nothing: true })).toBeUndefined();
  });
});
