import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { eventId, eventTime, readPayload } from './payload';

describe('eventTime', () => {
  it.each([
    ['2021-04-28 21:50:00 +0200', '2021-04-28T21:50:00+0200'],
    ['2017-09-15 16:52:00 UTC', '2017-09-15T16:52:00Z'],
    ['2019-05-15T15:20:53Z', '2019-05-15T15:20:53Z'],
    ['2020-10-02T18:45:22.169Z', '2020-10-02T18:45:22.169Z'],
  ])('reads %s as %s', (given, iso) => {
    expect(eventTime.parse(given)).toBe(iso);
  });

  it('refuses times without a zone and impossible dates', () => {
    expect(eventTime.safeParse('2021-04-28 21:50:00').success).toBe(false);
    expect(eventTime.safeParse('2021-02-30T10:00:00Z').success).toBe(false);
  });
});

describe('readPayload', () => {
  const schema = z.object({ a: z.object({ b: z.array(z.number()) }) });

  it('names the event and the path', () => {
    expect(() => readPayload(schema, { a: { b: [1, 'x'] } }, 'push')).toThrow(
      new InputError('push.a.b[1]: must be a number'),
    );
    expect(() => readPayload(schema, { a: {} }, '')).toThrow(
      new InputError('a.b: is required'),
    );
    expect(() => readPayload(schema, 'text', '')).toThrow(
      new InputError('body: must be an object'),
    );
  });
});

describe('eventId', () => {
  it('joins its parts', () => {
    expect(eventId('gitlab', 'commit', 15, 'abc1234')).toBe(
      'gitlab:commit:15:abc1234',
    );
  });

  it('stays within 200 printable characters and distinct when long', () => {
    const long = (tail: string) => eventId('gitlab', 'x'.repeat(300), tail);
    expect(long('a')).toHaveLength(200);
    expect(long('a')).not.toBe(long('b'));
    expect(long('a')).toMatch(/^[\x21-\x7e]+$/);
    expect(eventId('a b')).toBe('a_b');
  });
});
