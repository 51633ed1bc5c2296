/*
 * One ingestion batch: validate each item on its own, check that its service
 * is a catalog Component, store the valid ones in one transaction, and
 * answer per item in the order they came.
 */
import { InputError } from '@backstage/errors';
import {
  INGEST_LIMITS,
  IngestResult,
  parseEvent,
  KpiEvent,
} from '@internal/plugin-platform-kpis-common';
import { Knex } from 'knex';
import { EventStore, eventKey } from '../database/EventStore';
import { PayloadTooLargeError } from '@internal/plugin-platform-node';
import { ServiceDirectory } from './ServiceDirectory';

export type IngestOutcome = {
  results: IngestResult[];
  accepted: number;
  duplicates: number;
  rejected: number;
};

/** A validated batch, its items checked against the catalog, not yet stored. */
export type PreparedBatch = {
  results: IngestResult[];
  chosen: Array<{ index: number; event: KpiEvent }>;
  owners: Map<string, string | null>;
};

export class IngestService {
  constructor(
    private readonly store: EventStore,
    private readonly services: ServiceDirectory,
  ) {}

  /** POST /events: one batch body, validated, stored in one transaction. */
  async ingest(body: unknown): Promise<IngestOutcome> {
    return this.commit(await this.prepare(batchOf(body)));
  }

  /**
   * Validates each item and checks its service against the catalog; writes
   * nothing. Webhooks prepare outside their transaction, then commit in it,
   * and pass the owners of the components they just read from the catalog.
   */
  async prepare(
    events: unknown[],
    knownOwners?: Map<string, string | null>,
  ): Promise<PreparedBatch> {
    const results: IngestResult[] = events.map(() => ({
      id: null,
      status: 'rejected',
    }));
    const valid: Array<{ index: number; event: KpiEvent }> = [];
    events.forEach((item, index) => {
      const parsed = parseEvent(item, index);
      if (parsed.ok) {
        valid.push({ index, event: parsed.event });
      } else {
        results[index] = {
          id: parsed.id,
          status: 'rejected',
          error: parsed.error,
        };
      }
    });

    const owners =
      knownOwners ??
      (await this.services.owners([
        ...new Set(valid.map(v => v.event.entityRef)),
      ]));
    // One event per type and id goes to the store: the first, except that
    // a resolved copy of an incident wins over an open one.
    const chosen = new Map<string, { index: number; event: KpiEvent }>();
    for (const item of valid) {
      const { index, event } = item;
      if (!owners.has(event.entityRef)) {
        results[index] = {
          id: event.id,
          status: 'rejected',
          error: `events[${index}].entityRef: ${event.entityRef} is not a Component in the catalog`,
        };
        continue;
      }
      results[index] = { id: event.id, status: 'duplicate' };
      const key = eventKey(event);
      const first = chosen.get(key);
      if (!first || (resolves(event) && !resolves(first.event))) {
        chosen.set(key, item);
      }
    }

    return { results, chosen: [...chosen.values()], owners };
  }

  /** Stores a prepared batch, in the caller's transaction when given. */
  async commit(
    prepared: PreparedBatch,
    tx?: Knex.Transaction,
  ): Promise<IngestOutcome> {
    const { chosen, owners } = prepared;
    const results = [...prepared.results];
    const stored = chosen.length
      ? await this.store.store(
          chosen.map(({ event }) => ({
            event,
            team: owners.get(event.entityRef) ?? null,
          })),
          tx,
        )
      : new Map<string, string>();
    for (const { index, event } of chosen) {
      results[index] = {
        id: event.id,
        status:
          stored.get(eventKey(event)) === 'accepted' ? 'accepted' : 'duplicate',
      };
    }
    const count = (s: string) => results.filter(r => r.status === s).length;
    return {
      results,
      accepted: count('accepted'),
      duplicates: count('duplicate'),
      rejected: count('rejected'),
    };
  }
}

/** An incident event that closes the incident. */
function resolves(event: KpiEvent): boolean {
  return event.type === 'incident' && event.resolvedAt !== undefined;
}

function batchOf(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(
      'body: must be a JSON object like { "events": [ … ] }',
    );
  }
  const keys = Object.keys(body);
  const unknown = keys.filter(k => k !== 'events');
  if (unknown.length) {
    throw new InputError(
      `${unknown[0]}: unknown field; the body is { "events": [ … ] }`,
    );
  }
  const events = (body as { events?: unknown }).events;
  if (!Array.isArray(events)) {
    throw new InputError('events: must be an array of events');
  }
  if (events.length === 0) {
    throw new InputError('events: must hold at least one event');
  }
  if (events.length > INGEST_LIMITS.batchMax) {
    throw new PayloadTooLargeError(
      `events: ${events.length} events is more than the ${INGEST_LIMITS.batchMax} a batch may hold; split it`,
    );
  }
  return events;
}
