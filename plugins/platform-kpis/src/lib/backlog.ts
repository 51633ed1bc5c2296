/*
 * The open backlog at the start of a window, worked back from its end:
 * open at the start = open at the end − filed in the window + closed in it.
 * FlowSummary has no backlog for the window before, so this is what the
 * backlog tile compares with. Reopened requests make it approximate.
 */
import { FlowSummary } from '@internal/plugin-platform-kpis-common';

export function backlogAtStart(flow: FlowSummary): number {
  return Math.max(
    0,
    flow.backlog.open - flow.metrics.created + flow.metrics.closed,
  );
}
