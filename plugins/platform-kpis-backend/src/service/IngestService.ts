/*
 * One ingestion batch: validate each item on its own, check that its service
 * is a catalog Component, store the valid ones in one transaction, and
 * answer per item in the order they came.
 */
import {
  INGEST_LIMITS,
  IngestResult,
  parseEvent,
  KpiEvent,
} from '@internal/plugin-platform-kpis-common';
import { EventStore, StampedEvent } from '../database/EventStore';
import { PayloadTooLargeError } from '../errors';
import { ServiceDirectory } from './ServiceDirectory';

export type IngestOutcome = {
  results: IngestResult[];
  accepted: number;
  duplicates: number;
  rejected: number;
};

/** The body is not a batch at all: a 400 for the whole request. */
export class BatchShapeError extends Error {}

export class IngestService {
  constructor(
    private readonly store: EventStore,
    private readonly services: ServiceDirectory,
  ) {}

  async ingest(body: unknown): Promise<IngestOutcome> {
    const events = batchOf(body);
    const results: IngestResult[] = events.map(() => ({
      id: null,
      status: 'rejected',
    }));
    const valid: Array<{ index: number; event: KpiEvent }> = [];
    const seen = new Set<string>();
    events.forEach((item, index) => {
      const parsed = parseEvent(item, index);
      if (!parsed.ok) {
        results[index] = {
          id: parsed.id,
          status: 'rejected',
          error: parsed.error,
        };
        return;
      }
      const id = parsed.event.id;
      results[index] = { id, status: 'duplicate' };
      // The same id twice in one batch: the first one counts.
      if (seen.has(id)) return;
      seen.add(id);
      valid.push({ index, event: parsed.event });
    });

    const owners = await this.services.owners([
      ...new Set(valid.map(v => v.event.entityRef)),
    ]);
    const stamped: StampedEvent[] = [];
    for (const { index, event } of valid) {
      if (!owners.has(event.entityRef)) {
        results[index] = {
          id: event.id,
          status: 'rejected',
          error: `events[${index}].entityRef: ${event.entityRef} is not a Component in the catalog`,
        };
        continue;
      }
      stamped.push({ event, team: owners.get(event.entityRef) ?? null });
    }

    const stored = stamped.length ? await this.store.store(stamped) : new Map();
    for (const { index, event } of valid) {
      const outcome = stored.get(event.id);
      if (outcome && results[index].status !== 'rejected') {
        results[index] = { id: event.id, status: outcome };
      }
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

function batchOf(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BatchShapeError(
      'body: must be a JSON object like { "events": [ … ] }',
    );
  }
  const keys = Object.keys(body);
  const unknown = keys.filter(k => k !== 'events');
  if (unknown.length) {
    throw new BatchShapeError(
      `${unknown[0]}: unknown field; the body is { "events": [ … ] }`,
    );
  }
  const events = (body as { events?: unknown }).events;
  if (!Array.isArray(events)) {
    throw new BatchShapeError('events: must be an array of events');
  }
  if (events.length === 0) {
    throw new BatchShapeError('events: must hold at least one event');
  }
  if (events.length > INGEST_LIMITS.batchMax) {
    throw new PayloadTooLargeError(
      `events: ${events.length} events is more than the ${INGEST_LIMITS.batchMax} a batch may hold; split it`,
    );
  }
  return events;
}
