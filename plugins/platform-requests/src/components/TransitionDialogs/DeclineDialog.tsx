/*
 * Declining a request needs a reason the requester can read.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { TextAreaField } from '@backstage/ui';
import {
  LIMITS,
  PlatformRequest,
} from '@internal/plugin-platform-requests-common';
import { useEffect, useState } from 'react';
import { platformRequestsApiRef } from '../../api';
import { ActionDialog } from './ActionDialog';

export type RequestDialogProps = {
  request: PlatformRequest;
  open: boolean;
  onClose: () => void;
  onDone: (updated: PlatformRequest) => void;
};

export const DeclineDialog = (props: RequestDialogProps) => {
  const api = useApi(platformRequestsApiRef);
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (props.open) setReason('');
  }, [props.open]);

  return (
    <ActionDialog
      title={`Decline ${props.request.key}`}
      open={props.open}
      onClose={props.onClose}
      confirmLabel="Decline"
      destructive
      canConfirm={reason.trim().length > 0}
      onConfirm={async () =>
        props.onDone(
          await api.transition(props.request.key, {
            to: 'declined',
            reason: reason.trim(),
          }),
        )
      }
    >
      <TextAreaField
        label="Reason"
        description="The requester sees this; say why, and what they could do instead."
        isRequired
        maxLength={LIMITS.reasonMax}
        value={reason}
        onChange={setReason}
      />
    </ActionDialog>
  );
};
