/*
 * Which concurrent ingestion batches must wait for each other. A batch
 * settles derived columns from rows other batches may be writing at the same
 * moment: a deployment's lead time from the changes of the same component,
 * its change-failure flag from incidents naming it. Two batches that share
 * neither a component nor a named deployment cannot see each other's rows, so
 * they may run at once; the others take turns.
 *
 * PostgreSQL's transaction-scoped advisory locks: one exclusive lock per key
 * (sorted, so two batches never wait on each other in a circle), under one
 * shared lock that a batch with more keys than MAX_KEYS takes exclusively
 * instead (a large POST /events batch waits for everyone rather than filling
 * the server's lock table). SQLite writes one transaction at a time anyway.
 */
import { Knex } from 'knex';
import { createHash } from 'node:crypto';

/** Constants of our own: the whole-ingestion lock and the keys' namespace. */
const INGEST_LOCK = 4_511_300_017;
const KEY_NAMESPACE = 45_113;
/** More keys than this and the batch locks ingestion as a whole. */
export const MAX_KEYS = 32;

/** The keys a batch touches: its components and the deployments it names. */
export function ingestLockKeys(
  events: Array<{
    type: string;
    entityRef: string;
    id: string;
    deploymentId?: string;
  }>,
): string[] {
  const keys = new Set<string>();
  for (const event of events) {
    keys.add(`entity:${event.entityRef}`);
    if (event.type === 'deployment') keys.add(`deployment:${event.id}`);
    if (event.type === 'incident' && event.deploymentId) {
      keys.add(`deployment:${event.deploymentId}`);
    }
  }
  return [...keys];
}

/** A key's 32-bit slot; two keys sharing one only wait for each other. */
export function lockSlot(key: string): number {
  return createHash('sha256').update(key).digest().readInt32BE(0);
}

/** Takes the batch's locks; they are released when `tx` ends. */
export async function lockForIngest(
  tx: Knex.Transaction,
  keys: string[],
): Promise<void> {
  if (tx.client.config.client !== 'pg') return;
  if (keys.length > MAX_KEYS) {
    await tx.raw('SELECT pg_advisory_xact_lock(?)', [INGEST_LOCK]);
    return;
  }
  const slots = [...new Set(keys.map(lockSlot))].sort((a, b) => a - b);
  // One round trip (a round trip costs more than the locks): statements
  // without parameters may go together, and run in order; the slots are
  // integers of our own making. unnest yields them in order.
  await tx.raw(
    [
      `SELECT pg_advisory_xact_lock_shared(${INGEST_LOCK})`,
      ...(slots.length
        ? [
            `SELECT count(pg_advisory_xact_lock(${KEY_NAMESPACE}, slot))
               FROM unnest(ARRAY[${slots.join(', ')}]::int[]) AS slot`,
          ]
        : []),
    ].join(';\n'),
  );
}
