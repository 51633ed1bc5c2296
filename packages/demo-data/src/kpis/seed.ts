/*
 * DEMO DATA seeder, run by `npm start` (scripts/lib/backend.mjs) once the
 * embedded-default backend is ready, never in production:
 *
 *   node --require <repo>/node_modules/@backstage/cli-node/config/nodeTransform.cjs \
 *     packages/demo-data/src/kpis/seed.ts http://localhost:7007
 *
 * It goes through the public APIs only, as a CI system would: reads the demo
 * components from the catalog (signed in as the guest), has demoHistory.ts
 * generate their history (it only generates; the posting is here) and posts
 * it to /api/platform-kpis/events in batches of 1000 with the ingest token.
 * Ids are stable, so a second run finds everything already there and takes
 * about a second. Prints one line; exits 1 with one line on stderr when
 * something is wrong.
 */
import {
  INGEST_LIMITS,
  IngestResponse,
  KpiEventInput,
} from '@internal/plugin-platform-kpis-common';
import { DemoService, demoKpiEvents } from './demoHistory';

/** The label every entity of the demo organisation carries (catalog/README.md). */
const DEMO_LABEL = 'lodestar.dev/demo';
const TEMPLATE_ANNOTATION = 'backstage.io/source-template';
/** Component types that are deployed; libraries are not. */
const DEPLOYED_TYPES = new Set(['service', 'website', 'worker', 'job']);

export type SeedResult = {
  events: number;
  accepted: number;
  duplicate: number;
};

export class SeedError extends Error {}

/** The static token app-config.yaml gives the local CI (backend.auth.externalAccess). */
export function ingestToken(): string {
  return process.env.PORTAL_KPI_INGEST_TOKEN || 'local-kpi-ingest-token';
}

export async function seedDemoKpiHistory(
  baseUrl: string,
  options: { now?: number; catalogTimeoutMs?: number } = {},
): Promise<SeedResult> {
  const token = await guestToken(baseUrl);
  const services = await waitForDemoServices(
    baseUrl,
    token,
    options.catalogTimeoutMs ?? 180_000,
  );
  const events = demoKpiEvents({ now: options.now ?? Date.now(), services });
  const result: SeedResult = {
    events: events.length,
    accepted: 0,
    duplicate: 0,
  };
  for (const batch of batches(events)) {
    const counts = await postBatch(baseUrl, batch);
    result.accepted += counts.accepted;
    result.duplicate += counts.duplicate;
  }
  return result;
}

async function guestToken(baseUrl: string): Promise<string> {
  const res = await request(`${baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) {
    throw new SeedError(
      `guest sign-in failed (${res.status} ${await excerpt(res)})`,
    );
  }
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}

type CatalogComponent = {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: { type?: string };
  relations?: Array<{ type: string; targetRef: string }>;
};

/**
 * The deployed demo components with their owners. A freshly started backend
 * is ready before the catalog's first rounds have finished, so this waits
 * until checkout-api is there with its owner (as packages/testing's
 * waitForDemoCatalog does) and the set of demo components has stopped
 * changing for two seconds.
 */
async function waitForDemoServices(
  baseUrl: string,
  token: string,
  timeoutMs: number,
): Promise<DemoService[]> {
  const deadline = Date.now() + timeoutMs;
  let previous = '';
  let stableSince = 0;
  for (;;) {
    const services = await readDemoServices(baseUrl, token);
    const key = JSON.stringify(services);
    const complete =
      services.some(s => s.ref === 'component:default/checkout-api') &&
      services.every(s => s.team !== '');
    if (!complete || key !== previous) {
      previous = key;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 2000) {
      return services.map(s => ({ ...s }));
    }
    if (Date.now() > deadline) {
      throw new SeedError(
        `the demo organisation was not in the catalog within ${
          timeoutMs / 1000
        } s (found ${services.length} demo components)`,
      );
    }
    await sleep(500);
  }
}

async function readDemoServices(
  baseUrl: string,
  token: string,
): Promise<DemoService[]> {
  const services: DemoService[] = [];
  const fields = [
    'metadata.name',
    'metadata.namespace',
    'metadata.labels',
    'metadata.annotations',
    'spec.type',
    'relations',
  ].join(',');
  let cursor: string | undefined;
  do {
    const query = cursor
      ? `cursor=${encodeURIComponent(cursor)}`
      : `filter=kind=component&limit=500&fields=${fields}`;
    const res = await request(
      `${baseUrl}/api/catalog/entities/by-query?${query}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (!res.ok) {
      throw new SeedError(
        `reading the catalog failed (${res.status} ${await excerpt(res)})`,
      );
    }
    const page = (await res.json()) as {
      items: CatalogComponent[];
      pageInfo?: { nextCursor?: string };
    };
    for (const entity of page.items) {
      if (entity.metadata.labels?.[DEMO_LABEL] !== 'true') continue;
      if (!DEPLOYED_TYPES.has(entity.spec?.type ?? '')) continue;
      const owner = entity.relations?.find(r => r.type === 'ownedBy');
      services.push({
        ref: `component:${entity.metadata.namespace ?? 'default'}/${
          entity.metadata.name
        }`.toLowerCase(),
        team: owner?.targetRef.toLowerCase() ?? '',
        fromTemplate: Boolean(
          entity.metadata.annotations?.[TEMPLATE_ANNOTATION],
        ),
      });
    }
    cursor = page.pageInfo?.nextCursor;
  } while (cursor);
  return services.sort((a, b) => (a.ref < b.ref ? -1 : 1));
}

/** Batches of at most 1000 events and 1 MB. */
function* batches(events: KpiEventInput[]): Generator<KpiEventInput[]> {
  for (let i = 0; i < events.length; i += INGEST_LIMITS.batchMax) {
    yield* fitting(events.slice(i, i + INGEST_LIMITS.batchMax));
  }
}

function* fitting(batch: KpiEventInput[]): Generator<KpiEventInput[]> {
  const bytes = Buffer.byteLength(JSON.stringify({ events: batch }));
  if (bytes <= INGEST_LIMITS.bodyBytes || batch.length === 1) {
    yield batch;
    return;
  }
  const half = Math.ceil(batch.length / 2);
  yield* fitting(batch.slice(0, half));
  yield* fitting(batch.slice(half));
}

const UNKNOWN_SERVICE = /not a known service/i;

/**
 * Posts one batch. Items rejected as "not a known service" are sent again a
 * few times: the plugin reads the catalog's component list at most every few
 * seconds, and may have read it before the catalog had them all.
 */
async function postBatch(
  baseUrl: string,
  batch: KpiEventInput[],
): Promise<{ accepted: number; duplicate: number }> {
  let accepted = 0;
  let duplicate = 0;
  let pending = batch;
  for (let attempt = 1; ; attempt++) {
    const results = await postEvents(baseUrl, pending);
    const retry: KpiEventInput[] = [];
    const rejected: string[] = [];
    for (const [index, result] of results.entries()) {
      if (result.status === 'accepted') accepted++;
      else if (result.status === 'duplicate') duplicate++;
      else if (UNKNOWN_SERVICE.test(result.error ?? '') && attempt < 5) {
        retry.push(pending[index]);
      } else {
        rejected.push(`${result.id}: ${result.error}`);
      }
    }
    if (rejected.length > 0) {
      throw new SeedError(
        `${rejected.length} events were rejected, e.g. ${rejected[0]}`,
      );
    }
    if (retry.length === 0) return { accepted, duplicate };
    pending = retry;
    await sleep(6000);
  }
}

async function postEvents(
  baseUrl: string,
  events: KpiEventInput[],
): Promise<IngestResponse['results']> {
  const url = `${baseUrl}/api/platform-kpis/events`;
  const res = await request(url, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${ingestToken()}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ events }),
  });
  if (res.status === 401 || res.status === 403) {
    throw new SeedError(
      `POST ${url} refused the ingest token (${res.status} ${await excerpt(
        res,
      )}); the backend and the seeder must see the same PORTAL_KPI_INGEST_TOKEN`,
    );
  }
  if (res.status === 404) {
    throw new SeedError(
      `POST ${url} answered 404: is the platform-kpis backend plugin installed?`,
    );
  }
  const text = await res.text();
  let body: Partial<IngestResponse> | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (
    (res.status !== 200 && res.status !== 400) ||
    !Array.isArray(body?.results) ||
    body!.results.length !== events.length
  ) {
    throw new SeedError(
      `POST ${url} answered ${res.status} ${text.slice(0, 300)}`,
    );
  }
  return body!.results;
}

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new SeedError(
      `${init.method ?? 'GET'} ${url} failed: ${
        (error as Error).cause ?? (error as Error).message
      }`,
    );
  }
}

async function excerpt(res: Response): Promise<string> {
  return (await res.text()).slice(0, 200);
}

function sleep(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

const count = (n: number) => n.toLocaleString('en-US');

async function main(argv: string[]) {
  const baseUrl = (argv[0] ?? '').replace(/\/$/, '');
  if (!/^https?:\/\//.test(baseUrl)) {
    throw new SeedError('usage: seed.ts <baseUrl>, e.g. http://localhost:7007');
  }
  const result = await seedDemoKpiHistory(baseUrl);
  process.stdout.write(
    `Seeded demo KPI history: ${count(result.events)} events (${count(
      result.accepted,
    )} new, ${count(result.duplicate)} already there)\n`,
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch(error => {
    const message =
      error instanceof SeedError
        ? error.message
        : (error as Error)?.stack ?? String(error);
    process.stderr.write(`Demo KPI history not seeded: ${message}\n`);
    process.exit(1);
  });
}
