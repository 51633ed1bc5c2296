/*
 * Marking a request as a duplicate: the original must exist, be another
 * request, and be open or done; the duplicate's votes and watchers then move
 * to it, in the same transaction as the status change.
 */
import { InputError } from '@backstage/errors';
import {
  isOpen,
  PriorityWeights,
} from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import { Actor } from './RequestStore';
import { priorityOf } from './requestViews';
import { addTimeline, countVotes, selectRow } from './steps';
import {
  idOf,
  keyOf,
  priorityFacts,
  requestColumns,
  RequestRow,
} from './tables';

export async function checkOriginal(
  tx: Knex.Transaction,
  duplicate: RequestRow,
  originalKey: string,
): Promise<RequestRow> {
  if (idOf(originalKey) === duplicate.id) {
    throw new InputError('duplicateOf: a request cannot duplicate itself');
  }
  const original: RequestRow | undefined = await tx('requests')
    .select(requestColumns)
    .where('id', idOf(originalKey))
    .forUpdate()
    .first();
  if (!original) {
    throw new InputError(`duplicateOf: there is no request ${originalKey}`);
  }
  if (!isOpen(original.status) && original.status !== 'done') {
    throw new InputError(
      `duplicateOf: ${originalKey} is ${original.status}; the original must be open or done`,
    );
  }
  return original;
}

/**
 * Moves the duplicate's votes and watchers to the original. A voter who
 * already voted there keeps their one vote; an opt-out on the original
 * wins over watching the duplicate.
 */
export async function mergeDuplicate(
  tx: Knex.Transaction,
  options: {
    duplicate: RequestRow;
    original: RequestRow;
    actor: Actor;
    at: Date;
    weights: PriorityWeights;
  },
): Promise<{
  original: RequestRow;
  votesMoved: number;
  watchersMoved: number;
}> {
  const { duplicate, original, actor, at, weights } = options;
  const now = at.toISOString();
  const onOriginal = (table: string) =>
    tx(table).select('user_ref').where('request_id', original.id);

  const votesMoved = await tx('votes')
    .where('request_id', duplicate.id)
    .whereNotIn('user_ref', onOriginal('votes'))
    .update({ request_id: original.id });
  await tx('votes').where('request_id', duplicate.id).delete();

  const watchersMoved = await tx('watchers')
    .where({ request_id: duplicate.id, opted_out: false })
    .whereNotIn('user_ref', onOriginal('watchers'))
    .update({ request_id: original.id });
  await tx('watchers').where('request_id', duplicate.id).delete();

  const counts = await countVotes(tx, original.id);
  const next = { ...original, ...counts } as RequestRow;
  await tx('requests')
    .where('id', original.id)
    .update({
      vote_count: counts.vote_count,
      team_count: counts.team_count,
      priority_score: priorityOf(priorityFacts(next), weights, at).score,
      updated_at: now,
    });
  await addTimeline(tx, original.id, 'merged', actor.userRef, now, null, {
    duplicate: keyOf(duplicate.id),
    votesMoved,
    watchersMoved,
  });
  return {
    original: (await selectRow(tx, original.id))!,
    votesMoved,
    watchersMoved,
  };
}
