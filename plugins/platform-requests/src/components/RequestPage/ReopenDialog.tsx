/*
 * The requester reopens a done or declined request, saying what is still
 * missing. The server refuses outside the reopen window and says so.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { TextAreaField } from '@backstage/ui';
import { LIMITS } from '@internal/plugin-platform-requests-common';
import { useEffect, useState } from 'react';
import { platformRequestsApiRef } from '../../api';
import { ActionDialog, RequestDialogProps } from '../TransitionDialogs';

export const ReopenDialog = (props: RequestDialogProps) => {
  const api = useApi(platformRequestsApiRef);
  const [comment, setComment] = useState('');
  useEffect(() => {
    if (props.open) setComment('');
  }, [props.open]);

  return (
    <ActionDialog
      title={`Reopen ${props.request.key}`}
      open={props.open}
      onClose={props.onClose}
      confirmLabel="Reopen"
      onConfirm={async () =>
        props.onDone(
          await api.transition(props.request.key, {
            to: 'new',
            ...(comment.trim() ? { comment: comment.trim() } : {}),
          }),
        )
      }
    >
      <TextAreaField
        label="What is still missing?"
        maxLength={LIMITS.commentMax}
        value={comment}
        onChange={setComment}
      />
    </ActionDialog>
  );
};
