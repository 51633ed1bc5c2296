/*
 * Which status changes exist, and what each needs. The server enforces these
 * rules; the UI uses the same ones to offer only the actions that can work.
 */
import { OPEN_STATUSES, RequestStatus } from './model';
import type { TransitionRequest } from './schemas';

/** The main path: new → triaged → planned → in_progress → done. */
const NEXT: Partial<Record<RequestStatus, RequestStatus>> = {
  new: 'triaged',
  triaged: 'planned',
  planned: 'in_progress',
  in_progress: 'done',
};

export type TransitionKind = 'advance' | 'decline' | 'duplicate' | 'reopen';

export function isOpen(status: RequestStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Where a request in `from` may go, in the order the UI offers them. */
export function allowedTransitions(from: RequestStatus): RequestStatus[] {
  if (isOpen(from)) return [NEXT[from]!, 'declined', 'duplicate'];
  if (from === 'done' || from === 'declined') return ['new'];
  return [];
}

export function transitionKind(
  from: RequestStatus,
  to: RequestStatus,
): TransitionKind | undefined {
  if (!allowedTransitions(from).includes(to)) return undefined;
  if (to === 'declined') return 'decline';
  if (to === 'duplicate') return 'duplicate';
  if (to === 'new') return 'reopen';
  return 'advance';
}

/**
 * Why a transition cannot happen: `not-allowed` from this status (the
 * request is in the wrong state), or a field it needs is missing. The API
 * decides what each kind means in HTTP.
 */
export type TransitionProblemKind =
  | 'not-allowed'
  | 'reason-missing'
  | 'duplicate-of-missing';

export type TransitionProblem = {
  kind: TransitionProblemKind;
  message: string;
};

/**
 * Explains why a transition cannot happen, or returns undefined when its
 * shape is right. Who may make it is the permission policy's business.
 */
export function transitionProblem(
  from: RequestStatus,
  t: TransitionRequest,
): TransitionProblem | undefined {
  const kind = transitionKind(from, t.to);
  if (!kind) {
    const allowed = allowedTransitions(from);
    return {
      kind: 'not-allowed',
      message: `cannot move a ${from} request to ${t.to}; allowed: ${
        allowed.length ? allowed.join(', ') : 'none'
      }`,
    };
  }
  if (kind === 'decline' && !t.reason?.trim()) {
    return {
      kind: 'reason-missing',
      message: 'reason is required to decline a request',
    };
  }
  if (kind === 'duplicate' && !t.duplicateOf) {
    return {
      kind: 'duplicate-of-missing',
      message: 'duplicateOf is required to mark a request as a duplicate',
    };
  }
  return undefined;
}
