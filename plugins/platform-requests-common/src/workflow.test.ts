import { REQUEST_STATUSES } from './model';
import { allowedTransitions, transitionProblem } from './workflow';

describe('workflow', () => {
  it('follows the main path one step at a time, with decline and duplicate from any open state', () => {
    expect(allowedTransitions('new')).toEqual([
      'triaged',
      'declined',
      'duplicate',
    ]);
    expect(allowedTransitions('triaged')).toEqual([
      'planned',
      'declined',
      'duplicate',
    ]);
    expect(allowedTransitions('planned')).toEqual([
      'in_progress',
      'declined',
      'duplicate',
    ]);
    expect(allowedTransitions('in_progress')).toEqual([
      'done',
      'declined',
      'duplicate',
    ]);
  });

  it('reopens done and declined requests as new; duplicates stay closed', () => {
    expect(allowedTransitions('done')).toEqual(['new']);
    expect(allowedTransitions('declined')).toEqual(['new']);
    expect(allowedTransitions('duplicate')).toEqual([]);
  });

  it('refuses every other transition as not-allowed, listing the allowed ones', () => {
    const outcomes = REQUEST_STATUSES.flatMap(from =>
      REQUEST_STATUSES.map(to => {
        const problem = transitionProblem(from, {
          to,
          reason: 'r',
          duplicateOf: 'REQ-1',
        });
        return `${from}->${to}: ${problem?.kind ?? 'ok'}`;
      }),
    );
    const expected = REQUEST_STATUSES.flatMap(from =>
      REQUEST_STATUSES.map(
        to =>
          `${from}->${to}: ${
            allowedTransitions(from).includes(to) ? 'ok' : 'not-allowed'
          }`,
      ),
    );
    expect(outcomes).toEqual(expected);
    expect(outcomes.filter(o => o.endsWith('ok'))).toHaveLength(14);
    expect(transitionProblem('new', { to: 'done' })?.message).toBe(
      'cannot move a new request to done; allowed: triaged, declined, duplicate',
    );
  });

  it('requires a reason to decline and the original to mark a duplicate', () => {
    expect(
      transitionProblem('triaged', { to: 'declined', reason: ' ' }),
    ).toEqual({
      kind: 'reason-missing',
      message: 'reason is required to decline a request',
    });
    expect(transitionProblem('triaged', { to: 'duplicate' })).toEqual({
      kind: 'duplicate-of-missing',
      message: 'duplicateOf is required to mark a request as a duplicate',
    });
  });
});
