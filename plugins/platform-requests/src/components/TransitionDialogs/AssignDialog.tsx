/*
 * Assign a request to a member of the platform team (the Group named by the
 * backend's config), or leave it unassigned. Sent with If-Match.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { useEffect, useState } from 'react';
import { platformRequestsApiRef } from '../../api';
import { useGroupMembers } from '../../hooks/useCatalogPeople';
import { usePlatformRequestsConfig } from '../../hooks/usePlatformRequestsConfig';
import { EntityRefSelect } from '../pickers';
import { ActionDialog } from './ActionDialog';
import { RequestDialogProps } from './DeclineDialog';
import { StaleVersionAlert } from './StaleVersionAlert';

export const AssignDialog = (
  props: RequestDialogProps & { onReload: () => void },
) => {
  const api = useApi(platformRequestsApiRef);
  const config = usePlatformRequestsConfig();
  const members = useGroupMembers(config.value?.platformTeam);
  const [assignee, setAssignee] = useState<string | undefined>();
  const current = props.request.assignee ?? undefined;
  useEffect(() => {
    if (props.open) setAssignee(current);
  }, [props.open, current]);

  return (
    <ActionDialog
      title={`Assign ${props.request.key}`}
      open={props.open}
      onClose={props.onClose}
      confirmLabel="Assign"
      canConfirm={assignee !== current}
      onConfirm={async () =>
        props.onDone(
          await api.updateRequest(props.request.key, props.request.version, {
            assignee: assignee ?? null,
          }),
        )
      }
      renderError={error => (
        <StaleVersionAlert
          error={error}
          onReload={() => {
            props.onReload();
            props.onClose();
          }}
        />
      )}
    >
      <EntityRefSelect
        label="Assignee"
        description="Members of the platform team"
        anyLabel="Unassigned"
        options={members.value}
        value={assignee}
        onChange={setAssignee}
      />
    </ActionDialog>
  );
};
