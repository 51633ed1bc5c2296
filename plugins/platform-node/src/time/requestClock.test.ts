import { ConfigReader } from '@backstage/config';
import { Request } from 'express';
import { createRequestClock, DEMO_AT_HEADER } from './requestClock';

const NOW = new Date('2026-12-05T12:00:00Z');
const request = (headers: Record<string, string>) =>
  ({ header: (name: string) => headers[name.toLowerCase()] } as Request);
const config = (backdating?: boolean) =>
  new ConfigReader(
    backdating === undefined ? {} : { lodestar: { demo: { backdating } } },
  );

describe('createRequestClock', () => {
  const past = '2026-03-01T09:30:00.000Z';

  it('ignores the header unless the demo turns backdating on', () => {
    for (const c of [config(), config(false)]) {
      const clock = createRequestClock(c, () => NOW);
      expect(clock(request({ [DEMO_AT_HEADER]: past }))).toEqual(NOW);
    }
  });

  it('takes the time from the header in the demo', () => {
    const clock = createRequestClock(config(true), () => NOW);
    expect(clock(request({ [DEMO_AT_HEADER]: past })).toISOString()).toBe(past);
    expect(clock(request({}))).toEqual(NOW);
  });

  it('refuses a malformed or future time, naming the header', () => {
    const clock = createRequestClock(config(true), () => NOW);
    for (const bad of ['yesterday', '2026-13-45T00:00:00Z', '1700000000']) {
      expect(() => clock(request({ [DEMO_AT_HEADER]: bad }))).toThrow(
        /^x-lodestar-demo-at: must be an ISO 8601 date-time/,
      );
    }
    expect(() =>
      clock(request({ [DEMO_AT_HEADER]: '2027-01-01T00:00:00Z' })),
    ).toThrow('x-lodestar-demo-at: must not be in the future');
  });
});
