/*
 * Marking a request as a duplicate asks for the original's key; votes and
 * watchers follow it there on the server.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { TextField } from '@backstage/ui';
import { requestKeySchema } from '@internal/plugin-platform-requests-common';
import { useEffect, useState } from 'react';
import { platformRequestsApiRef } from '../../api';
import { ActionDialog } from './ActionDialog';
import { RequestDialogProps } from './DeclineDialog';

export function duplicateOfProblem(
  original: string,
  key: string,
): string | undefined {
  if (!original) return undefined;
  const parsed = requestKeySchema.safeParse(original);
  if (!parsed.success)
    return `Original request ${parsed.error.issues[0].message}`;
  if (original === key) return 'A request cannot duplicate itself';
  return undefined;
}

export const DuplicateDialog = (props: RequestDialogProps) => {
  const api = useApi(platformRequestsApiRef);
  const [original, setOriginal] = useState('');
  useEffect(() => {
    if (props.open) setOriginal('');
  }, [props.open]);
  const value = original.trim().toUpperCase();
  const problem = duplicateOfProblem(value, props.request.key);

  return (
    <ActionDialog
      title={`Mark ${props.request.key} as a duplicate`}
      open={props.open}
      onClose={props.onClose}
      confirmLabel="Mark duplicate"
      canConfirm={Boolean(value) && !problem}
      onConfirm={async () =>
        props.onDone(
          await api.transition(props.request.key, {
            to: 'duplicate',
            duplicateOf: value,
          }),
        )
      }
    >
      <TextField
        label="Original request"
        description="The key of the request this one repeats, e.g. REQ-12"
        placeholder="REQ-12"
        isRequired
        value={original}
        onChange={setOriginal}
        validationBehavior="aria"
        validate={() => problem}
      />
    </ActionDialog>
  );
};
