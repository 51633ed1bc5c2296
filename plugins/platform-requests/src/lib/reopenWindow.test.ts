import { makeRequest } from '../__testUtils__';
import { canStillReopen, reopenDeadline } from './reopenWindow';

const resolved = makeRequest({
  status: 'done',
  sla: {
    triage: { targetHours: 24, dueAt: '2024-01-02T00:00:00Z', breached: false },
    resolve: {
      targetHours: 72,
      dueAt: '2024-01-04T00:00:00Z',
      metAt: '2024-01-03T00:00:00.000Z',
      breached: false,
    },
  },
});

describe('reopen window', () => {
  it('runs from resolution for the configured days', () => {
    expect(reopenDeadline(resolved, 14)?.toISOString()).toBe(
      '2024-01-17T00:00:00.000Z',
    );
    expect(canStillReopen(resolved, 14, new Date('2024-01-16T23:00:00Z'))).toBe(
      true,
    );
    expect(canStillReopen(resolved, 14, new Date('2024-01-17T01:00:00Z'))).toBe(
      false,
    );
  });

  it('leaves the decision to the server when it cannot tell', () => {
    expect(canStillReopen(resolved, undefined)).toBe(true);
    expect(canStillReopen(makeRequest({ status: 'done' }), 14)).toBe(true);
  });
});
