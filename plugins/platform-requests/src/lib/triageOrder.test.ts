import { makeRequest } from '../__testUtils__';
import { inTriageOrder, slaDueAt } from './triageOrder';

const clock = (dueAt: string, metAt?: string) => ({
  targetHours: 24,
  dueAt,
  breached: false,
  ...(metAt ? { metAt } : {}),
});

const request = (
  key: string,
  score: number,
  triageDue: string,
  resolveDue: string,
  triagedAt?: string,
) =>
  makeRequest({
    key,
    priority: { score, parts: [] },
    sla: {
      triage: clock(triageDue, triagedAt),
      resolve: clock(resolveDue),
    },
  });

describe('triage order', () => {
  it('takes the running clock that is due first', () => {
    const fresh = request(
      'REQ-1',
      1,
      '2030-01-01T04:00:00Z',
      '2030-01-04T00:00:00Z',
    );
    expect(slaDueAt(fresh)).toBe(Date.parse('2030-01-01T04:00:00Z'));
    const triaged = request(
      'REQ-2',
      1,
      '2030-01-01T04:00:00Z',
      '2030-01-04T00:00:00Z',
      '2030-01-01T01:00:00Z',
    );
    expect(slaDueAt(triaged)).toBe(Date.parse('2030-01-04T00:00:00Z'));
  });

  it('puts higher priority first, then the request nearer its SLA', () => {
    const keys = inTriageOrder([
      request('REQ-1', 40, '2030-01-03T00:00:00Z', '2030-02-01T00:00:00Z'),
      request('REQ-2', 60, '2030-01-09T00:00:00Z', '2030-02-01T00:00:00Z'),
      // Same priority as REQ-1, due sooner: it goes before.
      request('REQ-3', 40, '2030-01-02T00:00:00Z', '2030-02-01T00:00:00Z'),
      // Already past due: most at risk of the three at 40.
      request('REQ-4', 40, '2020-01-01T00:00:00Z', '2030-02-01T00:00:00Z'),
      request('REQ-5', 10, '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z'),
    ]).map(r => r.key);
    expect(keys).toEqual(['REQ-2', 'REQ-4', 'REQ-3', 'REQ-1', 'REQ-5']);
  });

  it('keeps the server order between equals and does not change its input', () => {
    const a = request(
      'REQ-1',
      5,
      '2030-01-01T00:00:00Z',
      '2030-01-02T00:00:00Z',
    );
    const b = request(
      'REQ-2',
      5,
      '2030-01-01T00:00:00Z',
      '2030-01-02T00:00:00Z',
    );
    const input = [a, b];
    expect(inTriageOrder(input)).toEqual([a, b]);
    expect(inTriageOrder([b, a])).toEqual([b, a]);
    expect(input).toEqual([a, b]);
  });
});
