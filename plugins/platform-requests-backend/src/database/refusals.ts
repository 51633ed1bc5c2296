/*
 * Why the store refuses a change, said most fundamental first: who may
 * (403), which version (412), which status (409). Checked inside the
 * change's transaction against the row as it is then.
 */
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { withinReopenWindow } from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import { applyRequestFilter } from '../permissions/applyRequestFilter';
import { EditCommand, TransitionCommand } from './RequestStore';
import { stale } from './steps';
import { keyOf, RequestRow } from './tables';

/** Says why a guarded UPDATE matched no row, most fundamental first. */
export async function explainRefusal(
  tx: Knex.Transaction,
  row: RequestRow,
  command: Partial<EditCommand>,
  action: 'edit' | 'rate',
): Promise<void> {
  const key = keyOf(row.id);
  if (command.permissionFilter) {
    const allowed = tx('requests').select('id').where('id', row.id);
    applyRequestFilter(allowed, command.permissionFilter);
    if (!(await allowed.first())) {
      throw new NotAllowedError(
        `only the requester or the platform team can ${action} ${key}`,
      );
    }
  }
  if (
    command.expectedVersion !== undefined &&
    command.expectedVersion !== row.version
  ) {
    throw stale(row);
  }
  if (command.onlyWhileNew && row.status !== 'new') {
    throw new ConflictError(
      `${key} is ${row.status}; its requester can edit it only while it is new`,
    );
  }
  if (action === 'edit') throw stale(row);
}

/** A requester reopens only what the policy lets them, within the window. */
export async function checkRequesterReopen(
  tx: Knex.Transaction,
  row: RequestRow,
  command: TransitionCommand,
  at: Date,
) {
  const { permissionFilter, windowDays } = command.requesterReopen!;
  const key = keyOf(row.id);
  const allowed = tx('requests').select('id').where('id', row.id);
  if (permissionFilter) applyRequestFilter(allowed, permissionFilter);
  if (!(await allowed.first())) {
    throw new NotAllowedError(
      `only the requester or the platform team can reopen ${key}`,
    );
  }
  if (!withinReopenWindow(row.resolved_at, windowDays, at)) {
    throw new NotAllowedError(
      `${key} was closed more than ${windowDays} days ago; ask the platform team to reopen it`,
    );
  }
}
