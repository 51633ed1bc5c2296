/*
 * The platform team's actions on an improvement: the next step of its
 * workflow (plan, start), ship (which resolves its open requests and asks
 * their requesters to rate), and drop with a reason. The server checks
 * everything again; this offers only what the workflow allows.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Button, Flex, TextAreaField } from '@backstage/ui';
import {
  allowedImprovementTransitions,
  Improvement,
  IMPROVEMENT_LIMITS,
  improvementShipPermission,
  improvementUpdatePermission,
} from '@internal/plugin-platform-requests-common';
import { useState } from 'react';
import { improvementsApiRef } from '../../api';
import { useAction } from '../../hooks/useAction';
import { ErrorAlert } from '../shared';
import { ActionDialog } from '../TransitionDialogs/ActionDialog';

export const ImprovementActions = (props: {
  improvement: Improvement;
  onChanged: (updated: Improvement) => void;
}) => {
  const { improvement, onChanged } = props;
  const api = useApi(improvementsApiRef);
  const update = usePermission({ permission: improvementUpdatePermission });
  const ship = usePermission({ permission: improvementShipPermission });
  const { run, pending, error } = useAction();
  const [dialog, setDialog] = useState<'drop' | 'ship'>();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');

  const allowed = allowedImprovementTransitions(improvement.status);
  const move = (to: 'planned' | 'in_progress') =>
    run(async () =>
      onChanged(
        await api.transitionImprovement(improvement.id, improvement.version, {
          to,
        }),
      ),
    );
  const open = improvement.requests.filter(
    r => !['done', 'declined', 'duplicate'].includes(r.status),
  ).length;

  if (!update.allowed && !ship.allowed) return null;
  return (
    <Flex direction="column" gap="2">
      <Flex gap="2">
        {update.allowed && allowed.includes('planned') && (
          <Button isPending={pending} onPress={() => move('planned')}>
            Plan
          </Button>
        )}
        {update.allowed && allowed.includes('in_progress') && (
          <Button isPending={pending} onPress={() => move('in_progress')}>
            Start
          </Button>
        )}
        {ship.allowed && allowed.includes('shipped') && (
          <Button variant="primary" onPress={() => setDialog('ship')}>
            Ship
          </Button>
        )}
        {update.allowed && allowed.includes('dropped') && (
          <Button variant="secondary" onPress={() => setDialog('drop')}>
            Drop
          </Button>
        )}
      </Flex>
      {error !== undefined && <ErrorAlert error={error} />}
      <ActionDialog
        title={`Ship ${improvement.id}`}
        open={dialog === 'ship'}
        onClose={() => setDialog(undefined)}
        confirmLabel="Ship"
        onConfirm={async () =>
          onChanged(
            await api.shipImprovement(improvement.id, improvement.version, {
              comment: note.trim() || undefined,
            }),
          )
        }
      >
        <TextAreaField
          label="Note for the requesters (optional)"
          description={`Shipping resolves ${open} open request(s) with a comment linking this improvement and asks their requesters to rate it.`}
          maxLength={IMPROVEMENT_LIMITS.reasonMax}
          value={note}
          onChange={setNote}
        />
      </ActionDialog>
      <ActionDialog
        title={`Drop ${improvement.id}`}
        open={dialog === 'drop'}
        onClose={() => setDialog(undefined)}
        confirmLabel="Drop"
        destructive
        canConfirm={reason.trim().length > 0}
        onConfirm={async () =>
          onChanged(
            await api.transitionImprovement(
              improvement.id,
              improvement.version,
              { to: 'dropped', reason: reason.trim() },
            ),
          )
        }
      >
        <TextAreaField
          label="Reason"
          description="Everyone who reads the improvement sees why it was dropped."
          isRequired
          maxLength={IMPROVEMENT_LIMITS.reasonMax}
          value={reason}
          onChange={setReason}
        />
      </ActionDialog>
    </Flex>
  );
};
