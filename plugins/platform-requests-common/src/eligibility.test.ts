import { REQUEST_STATUSES } from './model';
import { ratingProblem, voteProblem, withinReopenWindow } from './eligibility';

describe('voteProblem', () => {
  it('takes votes on open requests only, pointing duplicates elsewhere', () => {
    expect(
      Object.fromEntries(REQUEST_STATUSES.map(s => [s, voteProblem(s)])),
    ).toEqual({
      new: undefined,
      triaged: undefined,
      planned: undefined,
      in_progress: undefined,
      done: 'closed',
      declined: 'closed',
      duplicate: 'duplicate',
    });
  });
});

describe('ratingProblem', () => {
  const sam = 'user:default/sam';
  it('lets the requester rate a done request', () => {
    expect(ratingProblem({ requester: sam, status: 'done' }, sam)).toBe(
      undefined,
    );
  });
  it('refuses anyone else first, whatever the status', () => {
    expect(
      ratingProblem({ requester: sam, status: 'new' }, 'user:default/kim'),
    ).toBe('not-requester');
  });
  it('refuses the requester until the request is done', () => {
    for (const status of REQUEST_STATUSES.filter(s => s !== 'done')) {
      expect(ratingProblem({ requester: sam, status }, sam)).toBe('not-done');
    }
  });
});

describe('withinReopenWindow', () => {
  const now = new Date('2026-12-05T12:00:00Z');
  it('allows reopening up to and including the last day of the window', () => {
    expect(withinReopenWindow('2026-11-21T12:00:00Z', 14, now)).toBe(true);
    expect(withinReopenWindow('2026-12-04T00:00:00Z', 14, now)).toBe(true);
  });
  it('refuses once the window has passed', () => {
    expect(withinReopenWindow('2026-11-21T11:59:59Z', 14, now)).toBe(false);
  });
  it('accepts Date values and requests with no resolution time', () => {
    expect(withinReopenWindow(new Date('2026-12-01T00:00:00Z'), 14, now)).toBe(
      true,
    );
    expect(withinReopenWindow(null, 14, now)).toBe(true);
  });
});
