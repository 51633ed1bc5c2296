import { normaliseServiceRef, parseEvent, timestampSchema } from './events';

const deployment = {
  id: 'gha-1',
  type: 'deployment',
  entityRef: 'component:default/checkout-api',
  environment: 'production',
  status: 'success',
  startedAt: '2026-03-01T09:00:00Z',
  finishedAt: '2026-03-01T10:05:00+01:00',
};

describe('timestamps', () => {
  it('takes ISO 8601 with Z or an offset, to epoch milliseconds', () => {
    expect(timestampSchema.parse('2026-03-01T10:00:00Z')).toBe(
      Date.UTC(2026, 2, 1, 10),
    );
    expect(timestampSchema.parse('2026-03-01T11:00:00.000+01:00')).toBe(
      Date.UTC(2026, 2, 1, 10),
    );
  });

  it.each([
    ['2026-03-01T10:00:00', 'with a zone'],
    ['2026-03-01', 'with a zone'],
    ['2026-02-30T10:00:00Z', 'not a valid date'],
    ['1999-12-31T23:59:59Z', 'between 2000-01-01'],
    ['9999-01-01T00:00:00Z', 'between 2000-01-01'],
    [1772359200, 'epoch seconds?'],
    [1772359200000, 'epoch milliseconds?'],
    [null, 'ISO 8601'],
  ])('refuses %p', (value, message) => {
    const result = timestampSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain(message);
  });
});

describe('parseEvent', () => {
  it('parses a deployment and fills defaults', () => {
    const parsed = parseEvent(deployment, 0);
    expect(parsed).toEqual({
      ok: true,
      event: expect.objectContaining({
        startedAt: Date.UTC(2026, 2, 1, 9),
        finishedAt: Date.UTC(2026, 2, 1, 9, 5),
        commitShas: [],
      }),
    });
  });

  it('names the item and the field', () => {
    // 10:05+01:00 is 09:05Z: before a 09:30Z start.
    expect(
      parseEvent({ ...deployment, startedAt: '2026-03-01T09:30:00Z' }, 7),
    ).toEqual({
      ok: false,
      id: 'gha-1',
      error: 'events[7].finishedAt: is before startedAt',
    });
    const bad = parseEvent(
      {
        ...deployment,
        startedAt: '2026-03-01T09:30:00+00:00',
        finishedAt: '2026-03-01T09:00:00Z',
      },
      7,
    );
    expect(bad).toEqual({
      ok: false,
      id: 'gha-1',
      error: 'events[7].finishedAt: is before startedAt',
    });
    expect(parseEvent({ ...deployment, commitShas: ['xyz'] }, 2)).toMatchObject(
      {
        error: expect.stringContaining(
          'events[2].commitShas[0]: must be a commit SHA',
        ),
      },
    );
    expect(parseEvent('text', 3)).toMatchObject({
      error: 'events[3]: must be an object',
    });
  });

  it('refuses NUL and other control characters in text', () => {
    expect(
      parseEvent({ ...deployment, environment: 'prod\u0000' }, 0),
    ).toMatchObject({
      error: 'events[0].environment: must not contain control characters',
    });
  });

  it('normalises service refs to component:namespace/name', () => {
    expect(normaliseServiceRef('Checkout-API')).toBe(
      'component:default/checkout-api',
    );
    expect(normaliseServiceRef('ops/tool')).toBe('component:ops/tool');
    expect(normaliseServiceRef('component:default/x')).toBe(
      'component:default/x',
    );
  });
});
