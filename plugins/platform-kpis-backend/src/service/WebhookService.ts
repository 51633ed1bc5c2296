/*
 * One webhook delivery, from raw bytes to stored events: the source checks
 * the signature and maps the payload; the claim's annotation picks the
 * components; the events then take the same path as POST /events
 * (IngestService), so the DORA rules exist once. Events no component
 * claims are kept (WebhookStore) and applied later by applyKeptEvents.
 *
 * Several components claiming one repository or service each get their own
 * copy of every event, its id suffixed with the component's ref, so copies
 * never collide and a component added later leaves the others' ids alone.
 */
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  INGEST_LIMITS,
  IngestResult,
  parseEvent,
} from '@internal/plugin-platform-kpis-common';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Claim, WebhookStore } from '../database/WebhookStore';
import {
  UnclaimedEvent,
  WEBHOOK_SOURCE_IDS,
  WebhookSource,
  WebhookSourceId,
} from '../sources/types';
import { ClaimingComponent, ClaimResolver } from './ClaimResolver';
import { IngestService } from './IngestService';

export type WebhookAnswer =
  | { status: 'ping' }
  | { status: 'ignored'; reason: string }
  | { status: 'duplicate' }
  | { status: 'unmatched'; reason: string }
  | { status: 'accepted'; components: string[]; results: IngestResult[] };

type Prepared = Awaited<ReturnType<IngestService['prepare']>>;

/** 200 for what was done or had been done, 202 for kept or ignored. */
export function statusCodeOf(answer: WebhookAnswer): number {
  return answer.status === 'ignored' || answer.status === 'unmatched'
    ? 202
    : 200;
}

export class WebhookService {
  constructor(
    private readonly sources: Partial<Record<WebhookSourceId, WebhookSource>>,
    private readonly secrets: Record<WebhookSourceId, string[]>,
    private readonly store: WebhookStore,
    private readonly claims: ClaimResolver,
    private readonly ingest: IngestService,
  ) {}

  /**
   * The source and its secrets, checked before the body is read: an unknown
   * source is 404, a source without a secret 503 (never unsigned).
   */
  sourceFor(id: string): { source: WebhookSource; secrets: string[] } {
    const source = (WEBHOOK_SOURCE_IDS as readonly string[]).includes(id)
      ? this.sources[id as WebhookSourceId]
      : undefined;
    if (!source) {
      throw new NotFoundError(
        `no webhook source named ${JSON.stringify(
          id.slice(0, 40),
        )}; the sources are ${Object.keys(this.sources).join(', ')}`,
      );
    }
    const secrets = this.secrets[source.id];
    if (!secrets.length) {
      throw new ServiceUnavailableError(
        `webhooks from ${source.id} are not configured: set platformKpis.webhooks.${source.id}.secret`,
      );
    }
    return { source, secrets };
  }

  async receive(
    id: string,
    headers: IncomingHttpHeaders,
    rawBody: Buffer,
  ): Promise<WebhookAnswer> {
    const { source, secrets } = this.sourceFor(id);
    source.verify(headers, rawBody, secrets);
    const payload = parseJson(rawBody);
    const parsed = source.parse(headers, payload);
    if (parsed.kind === 'ping') return { status: 'ping' };

    // A delivery seen before is found by recordDelivery, in the write's own
    // transaction: one round trip fewer for every new delivery.
    const deliveryId = source.deliveryId(headers, payload);
    const record = async (
      tx: Knex.Transaction,
      outcome: 'accepted' | 'unmatched' | 'ignored',
    ) =>
      !deliveryId ||
      this.store.recordDelivery(tx, {
        source: source.id,
        deliveryId,
        outcome,
      });

    if (parsed.kind === 'ignored' || parsed.events.length === 0) {
      const reason =
        parsed.kind === 'ignored'
          ? parsed.reason
          : 'the delivery holds no deployment, change or incident';
      const fresh = await this.store.transaction(tx => record(tx, 'ignored'));
      return fresh ? { status: 'ignored', reason } : { status: 'duplicate' };
    }

    validateUnclaimed(parsed.events);
    const claim: Claim = {
      source: source.id,
      annotation: parsed.claim.annotation,
      value: parsed.claim.value.trim().toLocaleLowerCase('en-US'),
    };
    const components = await this.claims.claiming(claim);
    if (components.length === 0) {
      const fresh = await this.store.transaction(async tx => {
        if (!(await record(tx, 'unmatched'))) return false;
        await this.store.keep(tx, claim, parsed.events);
        return true;
      });
      return fresh
        ? {
            status: 'unmatched',
            reason: `no component has annotation ${claim.annotation}: ${parsed.claim.value}`,
          }
        : { status: 'duplicate' };
    }

    const prepared = await this.prepareFor(parsed.events, components);
    const rejected = prepared.results.find(r => r.status === 'rejected');
    if (rejected) throw new InputError(rejected.error);
    const outcome = await this.store.transaction(async tx => {
      if (!(await record(tx, 'accepted'))) return undefined;
      return this.ingest.commit(prepared, tx);
    });
    return outcome
      ? {
          status: 'accepted',
          components: components.map(c => c.ref),
          results: outcome.results,
        }
      : { status: 'duplicate' };
  }

  /** The kept events per claim, for the "Unmatched sources" view. */
  unmatched() {
    return this.store.listUnmatched();
  }

  /**
   * Kept events whose claim a component has gained since: ingested, and
   * deleted from the kept ones, in one transaction per claim.
   */
  async applyKeptEvents(): Promise<{
    claims: number;
    events: number;
    failed: string[];
  }> {
    let claims = 0;
    let events = 0;
    const failed: string[] = [];
    for (const claim of await this.store.listUnmatched()) {
      try {
        const components = await this.claims.claiming(claim);
        if (components.length === 0) continue;
        events += await this.store.transaction(async tx => {
          const kept = await this.store.kept(tx, claim);
          const prepared = await this.prepareFor(
            kept.map(k => k.event),
            components,
          );
          const rejected = prepared.results.find(r => r.status === 'rejected');
          if (rejected) throw new InputError(rejected.error);
          await this.ingest.commit(prepared, tx);
          await this.store.forget(
            tx,
            claim,
            kept.map(k => k.key),
          );
          return kept.length;
        });
        claims += 1;
      } catch (error) {
        // Kept for the next run; the other claims go on.
        failed.push(`${claim.source} ${claim.value}: ${String(error)}`);
      }
    }
    return { claims, events, failed };
  }

  /** One copy of each event per claiming component, validated. */
  private prepareFor(
    events: UnclaimedEvent[],
    components: ClaimingComponent[],
  ): Promise<Prepared> {
    return this.ingest.prepare(
      forComponents(
        events,
        components.map(c => c.ref),
      ),
      new Map(components.map(c => [c.ref, c.owner])),
    );
  }
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw new InputError(`body: is not valid JSON (${String(error)})`);
  }
}

/** The parser's events must be valid before they are kept or stored. */
function validateUnclaimed(events: UnclaimedEvent[]) {
  events.forEach((event, index) => {
    const parsed = parseEvent(
      { ...event, entityRef: 'component:default/unclaimed' },
      index,
    );
    if (!parsed.ok) throw new InputError(parsed.error);
  });
}

function forComponents(
  events: UnclaimedEvent[],
  components: string[],
): unknown[] {
  return components.flatMap(ref =>
    events.map(event => ({
      ...event,
      id: componentEventId(event.id, ref),
      ...(event.type === 'incident' && event.deploymentId
        ? { deploymentId: componentEventId(event.deploymentId, ref) }
        : {}),
      entityRef: ref,
    })),
  );
}

/** `<id>@<component ref>`, hashed at the end when over the id limit. */
export function componentEventId(id: string, ref: string): string {
  const full = `${id}@${ref}`;
  if (full.length <= INGEST_LIMITS.idMax) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 32);
  return `${full.slice(0, INGEST_LIMITS.idMax - hash.length - 1)}~${hash}`;
}
