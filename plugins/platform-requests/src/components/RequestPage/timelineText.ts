/*
 * A timeline entry as a sentence ("moved it from New to Triaged").
 */
import {
  RequestStatus,
  STATUS_LABELS,
  TimelineEntry,
} from '@internal/plugin-platform-requests-common';

const status = (value: unknown) =>
  STATUS_LABELS[value as RequestStatus] ?? String(value);

/** The person an assignment named, to show as a link; the backend stores { from, to }. */
export function assigneeOf(entry: TimelineEntry): string | undefined {
  const to = entry.details?.to;
  return entry.type === 'assigned' && typeof to === 'string' ? to : undefined;
}

export function describeTimelineEntry(entry: TimelineEntry): string {
  const d = entry.details ?? {};
  switch (entry.type) {
    case 'created':
      return 'filed the request';
    case 'edited':
      return 'edited the request';
    case 'status-changed': {
      const moved =
        d.from !== undefined
          ? `moved it from ${status(d.from)} to ${status(d.to)}`
          : `moved it to ${status(d.to)}`;
      // Shipping an improvement resolves the requests it answers.
      return typeof d.improvement === 'string'
        ? `${moved} by shipping ${d.improvement}`
        : moved;
    }
    case 'assigned':
      // The assignee itself is shown as a link next to this text.
      return d.to ? 'assigned it to' : 'unassigned it';
    case 'commented':
      return 'commented';
    case 'voted':
      return 'voted for it';
    case 'unvoted':
      return 'withdrew a vote';
    case 'rated':
      return d.score !== undefined
        ? `rated it ${String(d.score)}/5`
        : 'rated it';
    case 'merged':
      return d.duplicateOf
        ? `marked it a duplicate of ${String(d.duplicateOf)}`
        : 'merged a duplicate into it';
    default:
      return entry.type;
  }
}
