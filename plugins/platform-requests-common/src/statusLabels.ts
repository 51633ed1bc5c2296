/*
 * What each status is called, in one table: the UI shows it on badges, board
 * columns, filters and the timeline, and the backend puts it in the titles
 * of status notifications (the subject of their emails).
 */
import { RequestStatus } from './model';

export const STATUS_LABELS: Record<RequestStatus, string> = {
  new: 'New',
  triaged: 'Triaged',
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  declined: 'Declined',
  duplicate: 'Duplicate',
};

/** The status inside a sentence: "is now in progress", "is now a duplicate". */
export function statusInSentence(status: RequestStatus): string {
  const label = STATUS_LABELS[status].toLowerCase();
  return status === 'duplicate' ? `a ${label}` : label;
}
