/*
 * The status of a request as a small badge; the same everywhere.
 */
import { Badge } from '@backstage/ui';
import {
  RequestStatus,
  STATUS_LABELS,
} from '@internal/plugin-platform-requests-common';

export const StatusBadge = ({ status }: { status: RequestStatus }) => (
  <Badge size="small" data-status={status}>
    {STATUS_LABELS[status]}
  </Badge>
);
