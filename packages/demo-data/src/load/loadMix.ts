/*
 * BENCH DATA: the load mix, the calls a load run sends to the whole backend
 * (catalog, platform-requests and platform-KPI reads and writes) in their
 * shares, from the seeded generator, so the same seed gives the same calls and
 * runs are comparable. It only decides the calls; @internal/testing's
 * runLoad sends them (the short load test in `npm test`, bench/load/run.mjs)
 * and reports each success back with `onSuccess`, from which the mix keeps
 * what the writes created (a request to read, one to vote on).
 */
import { createRandom, Random } from '../random';

export type LoadKind =
  | 'catalog-list'
  | 'catalog-entity'
  | 'requests-list'
  | 'request-get'
  | 'kpi-dora'
  | 'kpi-events-read'
  | 'request-create'
  | 'request-vote'
  | 'kpi-ingest';

/** Shares of the requests, in percent: 65 % reads, 35 % writes. */
export const DEFAULT_MIX: Record<LoadKind, number> = {
  'catalog-list': 15,
  'catalog-entity': 10,
  'requests-list': 15,
  'request-get': 10,
  'kpi-dora': 10,
  'kpi-events-read': 5,
  'request-create': 12,
  'request-vote': 8,
  'kpi-ingest': 15,
};

export type LoadCall = {
  kind: LoadKind;
  method: 'GET' | 'POST';
  path: string;
  /** Whose token: a signed-in user's (reads, creates, votes) or the static KPI ingest token. */
  as: 'user' | 'ingest';
  body?: unknown;
  /** Called with the parsed body of a successful answer. */
  onSuccess?: (body: any) => void;
};

export type LoadMixOptions = {
  /** Marks this run's request titles and event ids, to count them afterwards. */
  runId: string;
  /** Catalog Components (`component:default/x`) the KPI events and reads name. */
  services: string[];
  mix?: Record<LoadKind, number>;
  seed?: number;
  /** The clock of the ingested deployments; Date.now by default. */
  now?: () => number;
};

/** The writes the backend answered with success, by kind. */
export type AcceptedWrites = {
  requests: string[];
  votes: string[];
  events: string[];
};

export type LoadMix = {
  /** The next call to send. */
  next(): LoadCall;
  readonly accepted: AcceptedWrites;
};

export function createLoadMix(options: LoadMixOptions): LoadMix {
  const { runId, services, now = Date.now } = options;
  const random: Random = createRandom(options.seed ?? 1);
  const shares = Object.entries(options.mix ?? DEFAULT_MIX) as Array<
    [LoadKind, number]
  >;
  const created: string[] = [];
  const votable: string[] = [];
  const accepted: AcceptedWrites = { requests: [], votes: [], events: [] };
  let requestNo = 0;
  let eventNo = 0;
  const service = () => random.pick(services);

  const call = (kind: LoadKind): LoadCall => {
    switch (kind) {
      case 'catalog-list':
        return {
          kind,
          method: 'GET',
          path: `/api/catalog/entities/by-query?limit=20&filter=kind=${random.pick(
            ['component', 'api', 'group', 'system'],
          )}`,
          as: 'user',
        };
      case 'catalog-entity': {
        const [, name] = service().split('/');
        return {
          kind,
          method: 'GET',
          path: `/api/catalog/entities/by-name/component/default/${name}`,
          as: 'user',
        };
      }
      case 'requests-list':
        return {
          kind,
          method: 'GET',
          path: `/api/platform-requests/requests?limit=25&sort=${random.pick([
            '-priority',
            '-created',
            '-votes',
            '-updated',
          ])}`,
          as: 'user',
        };
      case 'request-get':
        // Until the run has created a request, read the list instead.
        if (created.length === 0) return call('requests-list');
        return {
          kind,
          method: 'GET',
          path: `/api/platform-requests/requests/${random.pick(created)}`,
          as: 'user',
        };
      case 'kpi-dora': {
        const scope = random.chance(0.5) ? `&service=${service()}` : '';
        return {
          kind,
          method: 'GET',
          path: `/api/platform-kpis/dora?window=${random.pick([
            '7d',
            '30d',
            '90d',
          ])}${scope}`,
          as: 'user',
        };
      }
      case 'kpi-events-read':
        return {
          kind,
          method: 'GET',
          path: `/api/platform-kpis/events?limit=20&service=${service()}`,
          as: 'user',
        };
      case 'request-create': {
        const n = ++requestNo;
        return {
          kind,
          method: 'POST',
          path: '/api/platform-requests/requests',
          body: {
            title: `Load ${runId} #${n}: preview environments per branch`,
            description: `Filed by the load generator (run ${runId}).`,
            category: 'new-capability',
            urgency: random.pick(['low', 'medium', 'high', 'critical']),
            impact: {
              peopleAffected: 1 + (n % 20),
              hoursLostPerWeek: n % 10,
            },
          },
          as: 'user',
          onSuccess: body => {
            created.push(body.key);
            votable.push(body.key);
            accepted.requests.push(body.key);
          },
        };
      }
      case 'request-vote': {
        // One vote per user and request: vote on one this user has not.
        const key = votable.shift();
        if (!key) return call('request-create');
        return {
          kind,
          method: 'POST',
          path: `/api/platform-requests/requests/${key}/votes`,
          as: 'user',
          onSuccess: () => accepted.votes.push(key),
        };
      }
      case 'kpi-ingest': {
        const id = `${runId}-dep-${++eventNo}`;
        const finishedAt = now() - 60_000;
        return {
          kind,
          method: 'POST',
          path: '/api/platform-kpis/events',
          as: 'ingest',
          body: {
            events: [
              {
                id,
                type: 'deployment',
                entityRef: service(),
                environment: 'production',
                status: random.chance(0.9) ? 'success' : 'failure',
                startedAt: new Date(finishedAt - 120_000).toISOString(),
                finishedAt: new Date(finishedAt).toISOString(),
                firstCommitAt: new Date(finishedAt - 3_600_000).toISOString(),
                source: 'load',
              },
            ],
          },
          onSuccess: body => {
            for (const result of body.results ?? []) {
              if (result.status === 'accepted') accepted.events.push(result.id);
            }
          },
        };
      }
      default:
        throw new Error(`unknown load kind ${kind}`);
    }
  };

  return { next: () => call(random.weighted(shares)), accepted };
}
