/*
 * The buttons of the request page, each shown only to those who may use it:
 * vote and watch for everyone, edit for the requester while new, the
 * workflow for the platform team, rate and reopen for the requester.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { Button, Flex } from '@backstage/ui';
import {
  allowedTransitions,
  isOpen,
  PlatformRequest,
  STATUS_LABELS,
  transitionKind,
} from '@internal/plugin-platform-requests-common';
import { useState } from 'react';
import { platformRequestsApiRef } from '../../api';
import { useAction } from '../../hooks/useAction';
import { useRequestPermissions } from '../../hooks/useRequestPermissions';
import { ErrorAlert } from '../shared';
import {
  AssignDialog,
  DeclineDialog,
  DuplicateDialog,
} from '../TransitionDialogs';
import { EditRequestDialog } from './EditRequestDialog';
import { RateDialog } from './RateDialog';
import { ReopenDialog } from './ReopenDialog';

type OpenDialog =
  | 'edit'
  | 'assign'
  | 'duplicate'
  | 'decline'
  | 'rate'
  | 'reopen'
  | undefined;

export type RequestActionsProps = {
  request: PlatformRequest;
  onChanged: (updated: PlatformRequest) => void;
  onReload: () => void;
};

export const RequestActions = (props: RequestActionsProps) => {
  const { request, onChanged } = props;
  const api = useApi(platformRequestsApiRef);
  const can = useRequestPermissions(request);
  const action = useAction();
  const [dialog, setDialog] = useState<OpenDialog>();
  const close = () => setDialog(undefined);
  const next = allowedTransitions(request.status).find(
    to => transitionKind(request.status, to) === 'advance',
  );

  const act = async (fn: () => Promise<PlatformRequest>) => {
    const updated = await action.run(fn);
    if (updated) onChanged(updated);
  };
  const dialogProps = { request, onClose: close, onDone: onChanged };

  return (
    <Flex direction="column" gap="2">
      <Flex
        gap="2"
        style={{ flexWrap: 'wrap' }}
        role="group"
        aria-label="Actions"
      >
        {can.canVote && (
          <Button
            variant={request.votes.mine ? 'secondary' : 'primary'}
            isDisabled={action.pending}
            onPress={() =>
              act(() =>
                request.votes.mine
                  ? api.unvote(request.key)
                  : api.vote(request.key),
              )
            }
          >
            {request.votes.mine ? 'Remove my vote' : '+1 / vote'}
          </Button>
        )}
        <Button
          variant="secondary"
          isDisabled={action.pending}
          onPress={() =>
            act(() =>
              request.watchers.watching
                ? api.unwatch(request.key)
                : api.watch(request.key),
            )
          }
        >
          {request.watchers.watching ? 'Stop watching' : 'Watch'}
        </Button>
        {can.canEdit && (
          <Button variant="secondary" onPress={() => setDialog('edit')}>
            Edit
          </Button>
        )}
        {can.canTriage && isOpen(request.status) && (
          <>
            {next && (
              <Button
                variant="primary"
                isDisabled={action.pending}
                onPress={() =>
                  act(() => api.transition(request.key, { to: next }))
                }
              >
                Move to {STATUS_LABELS[next]}
              </Button>
            )}
            <Button variant="secondary" onPress={() => setDialog('assign')}>
              Assign
            </Button>
            <Button variant="secondary" onPress={() => setDialog('duplicate')}>
              Mark duplicate
            </Button>
            <Button
              variant="secondary"
              destructive
              onPress={() => setDialog('decline')}
            >
              Decline
            </Button>
          </>
        )}
        {can.canRate && (
          <Button variant="primary" onPress={() => setDialog('rate')}>
            Rate
          </Button>
        )}
        {can.canReopen && (
          <Button variant="secondary" onPress={() => setDialog('reopen')}>
            Reopen
          </Button>
        )}
      </Flex>
      <ErrorAlert error={action.error} />

      {can.canEdit && (
        <EditRequestDialog
          request={request}
          open={dialog === 'edit'}
          onClose={close}
          onSaved={onChanged}
          onReload={props.onReload}
        />
      )}
      {can.canTriage && (
        <>
          <AssignDialog
            {...dialogProps}
            open={dialog === 'assign'}
            onReload={props.onReload}
          />
          <DuplicateDialog {...dialogProps} open={dialog === 'duplicate'} />
          <DeclineDialog {...dialogProps} open={dialog === 'decline'} />
        </>
      )}
      {can.canRate && <RateDialog {...dialogProps} open={dialog === 'rate'} />}
      {can.canReopen && (
        <ReopenDialog {...dialogProps} open={dialog === 'reopen'} />
      )}
    </Flex>
  );
};
