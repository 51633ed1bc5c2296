/*
 * What ingestion needs from storage. DatabaseEventStore is the one
 * implementation (SQLite and PostgreSQL through knex).
 */
import { KpiEvent } from '@internal/plugin-platform-kpis-common';
import { Knex } from 'knex';

/** An event that passed validation, with the owner of its service. */
export type StampedEvent = { event: KpiEvent; team: string | null };

export type StoreOutcome = 'accepted' | 'duplicate';

/** Ids are unique per type: a deployment and a change may share one. */
export function eventKey(event: { type: string; id: string }): string {
  return `${event.type}:${event.id}`;
}

export interface EventStore {
  /**
   * Stores the batch (at most one event per type and id) in one
   * transaction; says per `eventKey` whether it was new. With `tx`, the
   * batch joins the caller's transaction instead of opening its own.
   */
  store(
    batch: StampedEvent[],
    tx?: Knex.Transaction,
  ): Promise<Map<string, StoreOutcome>>;
}
