/*
 * Who may take part in a request, and when: votes go to open requests that
 * are not duplicates, ratings come from the requester once it is done, and
 * a requester reopens within a window after it closed. Pure rules; the
 * store checks them against the row as it is inside its transaction.
 */
import { RequestStatus } from './model';
import { isOpen } from './workflow';

const DAY_MS = 86_400_000;

/** Why a vote (or taking one back) is refused, or undefined. */
export type VoteProblem = 'duplicate' | 'closed';

export function voteProblem(status: RequestStatus): VoteProblem | undefined {
  if (status === 'duplicate') return 'duplicate';
  if (!isOpen(status)) return 'closed';
  return undefined;
}

/** Why a rating is refused, or undefined. */
export type RatingProblem = 'not-requester' | 'not-done';

export function ratingProblem(
  request: { requester: string; status: RequestStatus },
  userRef: string,
): RatingProblem | undefined {
  if (request.requester !== userRef) return 'not-requester';
  if (request.status !== 'done') return 'not-done';
  return undefined;
}

/**
 * Whether a requester may still reopen a request resolved at `resolvedAt`:
 * up to `windowDays` days after it closed. A request with no resolution
 * time has nothing to run out.
 */
export function withinReopenWindow(
  resolvedAt: string | Date | null,
  windowDays: number,
  now: Date,
): boolean {
  if (!resolvedAt) return true;
  const since = now.getTime() - windowDays * DAY_MS;
  return new Date(resolvedAt).getTime() >= since;
}
