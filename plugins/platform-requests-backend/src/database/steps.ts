/*
 * The small reads and writes every change is made of, inside its
 * transaction: lock the row, record the timeline entry, keep the watchers
 * and the vote counts right.
 */
import { NotFoundError } from '@backstage/errors';
import { RequestComment } from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import { PreconditionFailedError } from '../errors';
import {
  CommentRow,
  idOf,
  keyOf,
  requestColumns,
  RequestRow,
  toIso,
  toNumber,
} from './tables';

/** The row, locked for the rest of the transaction on PostgreSQL. */
export async function lockRow(tx: Knex.Transaction, key: string) {
  const row: RequestRow | undefined = await tx('requests')
    .select(requestColumns)
    .where('id', idOf(key))
    .forUpdate()
    .first();
  if (!row) throw new NotFoundError(`no request ${key}`);
  return row;
}

/**
 * Locks several rows in id order, before any other lock of the transaction.
 * Two transactions that each lock the same rows in their own order (A marked
 * a duplicate of B while B is marked a duplicate of A) would deadlock, and
 * PostgreSQL would abort one of them with a server error.
 */
export async function lockRowsInOrder(tx: Knex.Transaction, ids: number[]) {
  for (const id of [...new Set(ids)].sort((a, b) => a - b)) {
    await tx('requests').select('id').where('id', id).forUpdate();
  }
}

export async function replaceEntities(
  tx: Knex.Transaction,
  id: number,
  refs: string[],
) {
  await tx('request_entities').where('request_id', id).delete();
  const unique = [...new Set(refs)];
  if (unique.length) {
    await tx('request_entities').insert(
      unique.map(entity_ref => ({ request_id: id, entity_ref })),
    );
  }
}

export function stale(row: RequestRow) {
  return new PreconditionFailedError(
    `${keyOf(row.id)} has changed meanwhile; it is now at version ${
      row.version
    }. Reload it and try again.`,
  );
}

export function toComment(row: CommentRow): RequestComment {
  return {
    id: String(row.id),
    author: row.author,
    body: row.body,
    createdAt: toIso(row.created_at),
  };
}

export async function selectRow(
  tx: Knex.Transaction,
  id: number,
): Promise<RequestRow | undefined> {
  return tx('requests').select(requestColumns).where('id', id).first();
}

export async function entitiesOf(tx: Knex.Transaction, id: number) {
  const rows = await tx('request_entities')
    .select('entity_ref')
    .where('request_id', id)
    .orderBy('entity_ref');
  return rows.map(r => r.entity_ref as string);
}

export async function countVotes(tx: Knex.Transaction, id: number) {
  const row = await tx('votes')
    .where('request_id', id)
    .count({ votes: '*' })
    .countDistinct({ teams: 'team_ref' })
    .first();
  return {
    vote_count: toNumber(row?.votes),
    team_count: toNumber(row?.teams),
  };
}

/** Starts watching unless the user opted out before. */
export async function watch(
  tx: Knex.Transaction,
  id: number,
  userRef: string,
  now: string,
) {
  await tx('watchers')
    .insert({
      request_id: id,
      user_ref: userRef,
      opted_out: false,
      created_at: now,
    })
    .onConflict(['request_id', 'user_ref'])
    .ignore();
}

export async function activeWatchers(tx: Knex.Transaction, id: number) {
  const rows = await tx('watchers')
    .select('user_ref')
    .where({ request_id: id, opted_out: false })
    .orderBy('user_ref');
  return rows.map(r => r.user_ref as string);
}

export async function addTimeline(
  tx: Knex.Transaction,
  id: number,
  type: string,
  actor: string,
  at: string,
  comment: string | null,
  details: Record<string, unknown>,
) {
  await tx('timeline').insert({
    request_id: id,
    type,
    actor,
    at,
    comment,
    details: JSON.stringify(details),
  });
}
