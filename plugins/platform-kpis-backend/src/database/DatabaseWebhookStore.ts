/*
 * Webhook deliveries and kept (unmatched) events in SQL. The delivery row
 * is inserted first in the delivery's transaction with ON CONFLICT DO
 * NOTHING: of two concurrent copies the second waits for the first and sees
 * the conflict, so a delivery's events are written once.
 */
import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { num } from '../queries/sql';
import { UnclaimedEvent, WebhookSourceId } from '../sources/types';
import { applyMigrations } from './migrations';
import {
  Claim,
  DeliveryOutcome,
  KeptEvent,
  UnmatchedSummary,
  WebhookStore,
} from './WebhookStore';

const DELIVERIES = 'kpi_webhook_deliveries';
const UNMATCHED = 'kpi_unmatched_webhook_events';

export class DatabaseWebhookStore implements WebhookStore {
  /** Migrates the database (unless skipped) and opens the store. */
  static async create(options: {
    database: DatabaseService;
    now?: () => number;
  }): Promise<DatabaseWebhookStore> {
    const knex = await options.database.getClient();
    await applyMigrations(options.database, knex);
    return new DatabaseWebhookStore(knex, options.now);
  }

  private constructor(
    private readonly knex: Knex,
    private readonly now: () => number = Date.now,
  ) {}

  transaction<T>(fn: (tx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.knex.transaction(fn);
  }

  async recordDelivery(
    tx: Knex.Transaction,
    delivery: {
      source: WebhookSourceId;
      deliveryId: string;
      outcome: DeliveryOutcome;
    },
  ): Promise<boolean> {
    const inserted = await tx(DELIVERIES)
      .insert({
        source: delivery.source,
        delivery_id: delivery.deliveryId,
        received_at: this.now(),
        outcome: delivery.outcome,
      })
      .onConflict(['source', 'delivery_id'])
      .ignore()
      .returning('source');
    return inserted.length > 0;
  }

  async keep(
    tx: Knex.Transaction,
    claim: Claim,
    events: UnclaimedEvent[],
  ): Promise<void> {
    const now = this.now();
    for (const event of events) {
      const resolves = resolvesIncident(event) ? 1 : 0;
      const json = JSON.stringify(event);
      const key = {
        source: claim.source,
        claim_value: claim.value,
        event_type: event.type,
        event_id: event.id,
      };
      const inserted = await tx(UNMATCHED)
        .insert({
          ...key,
          annotation: claim.annotation,
          event: json,
          resolves,
          first_seen: now,
          last_seen: now,
        })
        .onConflict(['source', 'claim_value', 'event_type', 'event_id'])
        .ignore()
        .returning('event_id');
      if (inserted.length > 0) continue;
      // Seen before: the newer copy wins, except an open copy of an
      // incident that was already kept as resolved.
      await tx(UNMATCHED)
        .where(key)
        .update({
          last_seen: now,
          event: tx.raw(
            'CASE WHEN resolves = 1 AND ? = 0 THEN event ELSE ? END',
            [resolves, json],
          ),
          resolves: tx.raw('CASE WHEN resolves = 1 THEN 1 ELSE ? END', [
            resolves,
          ]),
        });
    }
  }

  async listUnmatched(): Promise<UnmatchedSummary[]> {
    const rows = await this.knex(UNMATCHED)
      .select('source', 'claim_value')
      .max({ annotation: 'annotation' })
      .count({ count: '*' })
      .min({ first_seen: 'first_seen' })
      .max({ last_seen: 'last_seen' })
      .groupBy('source', 'claim_value')
      .orderBy([
        { column: 'last_seen', order: 'desc' },
        { column: 'source' },
        { column: 'claim_value' },
      ]);
    return rows.map((r: any) => ({
      source: r.source,
      annotation: r.annotation,
      value: r.claim_value,
      count: num(r.count),
      firstSeen: num(r.first_seen),
      lastSeen: num(r.last_seen),
    }));
  }

  async kept(tx: Knex.Transaction, claim: Claim): Promise<KeptEvent[]> {
    const rows = await tx(UNMATCHED)
      .where({ source: claim.source, claim_value: claim.value })
      .orderBy(['event_type', 'event_id'])
      .select('event_type', 'event_id', 'event');
    return rows.map((r: any) => ({
      event: JSON.parse(r.event) as UnclaimedEvent,
      key: { type: r.event_type, id: r.event_id },
    }));
  }

  async forget(
    tx: Knex.Transaction,
    claim: Claim,
    keys: Array<{ type: string; id: string }>,
  ): Promise<void> {
    for (const key of keys) {
      await tx(UNMATCHED)
        .where({
          source: claim.source,
          claim_value: claim.value,
          event_type: key.type,
          event_id: key.id,
        })
        .delete();
    }
  }
}

function resolvesIncident(event: UnclaimedEvent): boolean {
  return event.type === 'incident' && event.resolvedAt !== undefined;
}
