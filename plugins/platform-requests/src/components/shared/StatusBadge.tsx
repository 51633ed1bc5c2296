/*
 * The status of a request as a small badge; the same everywhere.
 */
import { Badge } from '@backstage/ui';
import { RequestStatus } from '@internal/plugin-platform-requests-common';
import { STATUS_LABELS } from '../../lib/format';

export const StatusBadge = ({ status }: { status: RequestStatus }) => (
  <Badge size="small" data-status={status}>
    {STATUS_LABELS[status]}
  </Badge>
);
