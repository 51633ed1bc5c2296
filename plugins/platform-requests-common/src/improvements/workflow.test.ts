import { IMPROVEMENT_STATUSES } from './model';
import {
  allowedImprovementTransitions,
  improvementTransitionProblem,
  shipProblem,
} from './workflow';

describe('improvement workflow', () => {
  it('goes proposed → planned → in_progress → shipped, dropping from any open status', () => {
    expect(allowedImprovementTransitions('proposed')).toEqual([
      'planned',
      'dropped',
    ]);
    expect(allowedImprovementTransitions('planned')).toEqual([
      'in_progress',
      'dropped',
    ]);
    expect(allowedImprovementTransitions('in_progress')).toEqual([
      'shipped',
      'dropped',
    ]);
    expect(allowedImprovementTransitions('shipped')).toEqual([]);
    expect(allowedImprovementTransitions('dropped')).toEqual([]);
  });

  it('refuses every other move as not-allowed, naming the allowed ones', () => {
    const outcomes = IMPROVEMENT_STATUSES.flatMap(from =>
      (['planned', 'in_progress', 'dropped'] as const).map(
        to =>
          `${from}->${to}: ${
            improvementTransitionProblem(from, { to, reason: 'r' })?.kind ??
            'ok'
          }`,
      ),
    );
    expect(outcomes.filter(o => o.endsWith('ok'))).toEqual([
      'proposed->planned: ok',
      'proposed->dropped: ok',
      'planned->in_progress: ok',
      'planned->dropped: ok',
      'in_progress->dropped: ok',
    ]);
    expect(
      improvementTransitionProblem('proposed', { to: 'in_progress' })?.message,
    ).toBe(
      'cannot move a proposed improvement to in_progress; allowed: planned, dropped',
    );
    expect(
      improvementTransitionProblem('shipped', { to: 'dropped', reason: 'r' })
        ?.message,
    ).toBe('cannot move a shipped improvement to dropped; allowed: none');
  });

  it('requires a reason to drop', () => {
    expect(
      improvementTransitionProblem('planned', { to: 'dropped', reason: '  ' }),
    ).toEqual({
      kind: 'reason-missing',
      message: 'reason is required to drop an improvement',
    });
  });

  it('ships only what is in progress, and only once', () => {
    expect(shipProblem('in_progress')).toBeUndefined();
    expect(shipProblem('shipped')?.message).toBe(
      'the improvement is already shipped',
    );
    expect(shipProblem('planned')?.message).toBe(
      'cannot move a planned improvement to shipped; allowed: in_progress, dropped',
    );
    expect(shipProblem('dropped')?.kind).toBe('not-allowed');
  });
});
