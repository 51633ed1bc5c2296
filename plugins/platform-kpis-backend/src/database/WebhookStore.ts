/*
 * What the webhook routes need from storage: each delivery id once, and the
 * events no component claims yet. DatabaseWebhookStore is the one
 * implementation (SQLite and PostgreSQL through knex).
 */
import { Knex } from 'knex';
import { UnclaimedEvent, WebhookSourceId } from '../sources/types';

export type DeliveryOutcome = 'accepted' | 'unmatched' | 'ignored';

export type Claim = {
  source: WebhookSourceId;
  annotation: string;
  /** The annotation value, lowercased. */
  value: string;
};

/** Kept events of one claim, for the "Unmatched sources" view. */
export type UnmatchedSummary = Claim & {
  count: number;
  firstSeen: number;
  lastSeen: number;
};

/** A kept event with the key its row is deleted by once applied. */
export type KeptEvent = {
  event: UnclaimedEvent;
  key: { type: string; id: string };
};

export interface WebhookStore {
  /** Runs `fn` in one transaction: a delivery is written whole or not at all. */
  transaction<T>(fn: (tx: Knex.Transaction) => Promise<T>): Promise<T>;
  /**
   * Records the delivery; false when it was recorded before, in which case
   * the caller writes nothing else. Concurrent copies wait for the first.
   */
  recordDelivery(
    tx: Knex.Transaction,
    delivery: {
      source: WebhookSourceId;
      deliveryId: string;
      outcome: DeliveryOutcome;
    },
  ): Promise<boolean>;
  /** Keeps events once per type and id; a resolved incident is not reopened. */
  keep(
    tx: Knex.Transaction,
    claim: Claim,
    events: UnclaimedEvent[],
  ): Promise<void>;
  /** Per claim: how many events wait, first and last seen; newest first. */
  listUnmatched(): Promise<UnmatchedSummary[]>;
  /** The kept events of one claim. */
  kept(tx: Knex.Transaction, claim: Claim): Promise<KeptEvent[]>;
  /** Deletes applied events by key. */
  forget(
    tx: Knex.Transaction,
    claim: Claim,
    keys: Array<{ type: string; id: string }>,
  ): Promise<void>;
}
