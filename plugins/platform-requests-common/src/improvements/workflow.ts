/*
 * How an improvement moves: proposed → planned → in_progress → shipped, or
 * dropped (with a reason) from any status before shipped. Shipping has its
 * own route because of what it does to the linked requests. The server
 * enforces these rules; the UI offers only the actions that can work.
 */
import type { ImprovementStatus } from './model';
import type { ImprovementTransition } from './schemas';

const NEXT: Partial<Record<ImprovementStatus, ImprovementStatus>> = {
  proposed: 'planned',
  planned: 'in_progress',
  in_progress: 'shipped',
};

export function isImprovementOpen(status: ImprovementStatus): boolean {
  return status !== 'shipped' && status !== 'dropped';
}

/** Where an improvement in `from` may go, in the order the UI offers them. */
export function allowedImprovementTransitions(
  from: ImprovementStatus,
): ImprovementStatus[] {
  return isImprovementOpen(from) ? [NEXT[from]!, 'dropped'] : [];
}

export type ImprovementProblemKind = 'not-allowed' | 'reason-missing';

export type ImprovementProblem = {
  kind: ImprovementProblemKind;
  message: string;
};

function notAllowed(
  from: ImprovementStatus,
  to: ImprovementStatus,
): ImprovementProblem {
  const allowed = allowedImprovementTransitions(from);
  return {
    kind: 'not-allowed',
    message: `cannot move a ${from} improvement to ${to}; allowed: ${
      allowed.length ? allowed.join(', ') : 'none'
    }`,
  };
}

/** Why a transition cannot happen, or undefined when it can. */
export function improvementTransitionProblem(
  from: ImprovementStatus,
  t: ImprovementTransition,
): ImprovementProblem | undefined {
  if (!allowedImprovementTransitions(from).includes(t.to)) {
    return notAllowed(from, t.to);
  }
  if (t.to === 'dropped' && !t.reason?.trim()) {
    return {
      kind: 'reason-missing',
      message: 'reason is required to drop an improvement',
    };
  }
  return undefined;
}

/** Why an improvement cannot ship, or undefined: only one in progress can. */
export function shipProblem(
  from: ImprovementStatus,
): ImprovementProblem | undefined {
  if (from === 'shipped') {
    return {
      kind: 'not-allowed',
      message: 'the improvement is already shipped',
    };
  }
  return allowedImprovementTransitions(from).includes('shipped')
    ? undefined
    : notAllowed(from, 'shipped');
}
