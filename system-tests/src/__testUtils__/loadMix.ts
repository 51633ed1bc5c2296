/*
 * An open-loop load generator for the whole backend: a mix of catalog,
 * platform-requests and platform-KPI reads and writes sent at a fixed rate,
 * whatever the answers' speed (so slow answers cannot slow the load down and
 * hide themselves), each latency measured from the moment its request was
 * due. Used by the short load test in `npm test` and by the long benchmark
 * bench/load/run.mjs, which Node runs from this file directly (type
 * stripping): hence no imports but Node's own and only erasable TypeScript.
 */
import fs from 'node:fs';

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

export type LoadOptions = {
  baseUrl: string;
  /** A signed-in user's token: reads, creates and votes. */
  userToken: string;
  /** The static KPI ingest token. */
  ingestToken: string;
  /** Marks this run's request titles and event ids, to count them afterwards. */
  runId: string;
  /** Catalog Components (`component:default/x`) the KPI events and reads name. */
  services: string[];
  /**
   * Open loop (the benchmark): `ratePerSecond` for `durationMs`, whatever
   * the backend's speed. Closed loop (the test): `clients` each send their
   * next call when the last one answered, `requests` in all, so a slow or
   * busy machine makes the run longer, never its answers worse.
   */
  pace:
    | { ratePerSecond: number; durationMs: number }
    | { clients: number; requests: number };
  mix?: Record<LoadKind, number>;
  seed?: number;
  /** The backend's resident memory in MiB, sampled every second. */
  rssMiB?: () => number;
  requestTimeoutMs?: number;
  /** Requests in flight at most; a request due beyond it is skipped and counted. */
  maxInFlight?: number;
};

export type Latencies = { p50: number; p95: number; p99: number; max: number };

export type KindReport = {
  count: number;
  /** HTTP status, or `error:<code>` when no answer came. */
  byStatus: Record<string, number>;
  latencyMs: Latencies;
};

export type LoadReport = {
  runId: string;
  plannedRate: number;
  durationMs: number;
  scheduled: number;
  sent: number;
  skipped: number;
  /** Requests sent per second over the run. */
  achievedRate: number;
  /** How late the scheduler sent requests (ms): the generator's own lag. */
  sendLagMs: Latencies;
  kinds: Partial<Record<LoadKind, KindReport>>;
  serverErrors: number;
  otherNon2xx: number;
  networkErrors: number;
  /** Writes the backend answered with success. */
  accepted: {
    requests: string[];
    votes: string[];
    events: string[];
  };
  rss: Array<{ atMs: number; mib: number }>;
  /** Per 10 s of the run (by when requests were due): successes, failures, latency. */
  timeline: Array<{
    fromS: number;
    ok: number;
    failed: number;
    p50: number;
    p99: number;
  }>;
  /** The first few failures, for the log. */
  failures: string[];
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** mulberry32: the same mix for the same seed, so runs are comparable. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function percentiles(values: number[]): Latencies {
  if (values.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]),
  };
}

/** Reads /proc/<pid>/status: the process's resident set in MiB (Linux). */
export function rssOfProcess(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** The demo catalog's Components, as KPI events must name them. */
export async function catalogComponents(
  baseUrl: string,
  userToken: string,
): Promise<string[]> {
  const res = await fetch(
    `${baseUrl}/api/catalog/entities/by-query?filter=kind=component&limit=200&fields=metadata.name,metadata.namespace`,
    { headers: { Authorization: `Bearer ${userToken}` } },
  );
  if (!res.ok) throw new Error(`catalog query failed: ${res.status}`);
  const { items } = (await res.json()) as {
    items: Array<{ metadata: { name: string; namespace?: string } }>;
  };
  return items.map(
    e => `component:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`,
  );
}

type Call = {
  kind: LoadKind;
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body?: unknown;
  /** What a successful answer stored, if anything. */
  onSuccess?: (body: any) => void;
};

/** Picks what each request does; keeps what the writes created. */
class Workload {
  private readonly random: () => number;
  private readonly kinds: LoadKind[];
  private readonly cumulative: number[];
  private readonly created: string[] = [];
  private readonly votable: string[] = [];
  private requestNo = 0;
  private eventNo = 0;
  readonly accepted: LoadReport['accepted'] = {
    requests: [],
    votes: [],
    events: [],
  };
  private readonly options: LoadOptions;

  constructor(options: LoadOptions) {
    this.options = options;
    this.random = prng(options.seed ?? 1);
    const mix = options.mix ?? DEFAULT_MIX;
    this.kinds = (Object.keys(mix) as LoadKind[]).filter(k => mix[k] > 0);
    let sum = 0;
    this.cumulative = this.kinds.map(k => (sum += mix[k]));
  }

  private pick<T>(items: T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private service(): string {
    return this.pick(this.options.services);
  }

  next(): Call {
    const total = this.cumulative[this.cumulative.length - 1];
    const roll = this.random() * total;
    const kind = this.kinds[this.cumulative.findIndex(c => roll < c)];
    return this.call(kind);
  }

  private call(kind: LoadKind): Call {
    const { userToken, ingestToken, runId } = this.options;
    const user = { token: userToken };
    switch (kind) {
      case 'catalog-list':
        return {
          kind,
          method: 'GET',
          path: `/api/catalog/entities/by-query?limit=20&filter=kind=${this.pick(
            ['component', 'api', 'group', 'system'],
          )}`,
          ...user,
        };
      case 'catalog-entity': {
        const [, name] = this.service().split('/');
        return {
          kind,
          method: 'GET',
          path: `/api/catalog/entities/by-name/component/default/${name}`,
          ...user,
        };
      }
      case 'requests-list':
        return {
          kind,
          method: 'GET',
          path: `/api/platform-requests/requests?limit=25&sort=${this.pick([
            '-priority',
            '-created',
            '-votes',
            '-updated',
          ])}`,
          ...user,
        };
      case 'request-get':
        // Until the run has created a request, read the list instead.
        if (this.created.length === 0) return this.call('requests-list');
        return {
          kind,
          method: 'GET',
          path: `/api/platform-requests/requests/${this.pick(this.created)}`,
          ...user,
        };
      case 'kpi-dora': {
        const service = this.random() < 0.5 ? `&service=${this.service()}` : '';
        return {
          kind,
          method: 'GET',
          path: `/api/platform-kpis/dora?window=${this.pick([
            '7d',
            '30d',
            '90d',
          ])}${service}`,
          ...user,
        };
      }
      case 'kpi-events-read':
        return {
          kind,
          method: 'GET',
          path: `/api/platform-kpis/events?limit=20&service=${this.service()}`,
          ...user,
        };
      case 'request-create': {
        const n = ++this.requestNo;
        return {
          kind,
          method: 'POST',
          path: '/api/platform-requests/requests',
          body: {
            title: `Load ${runId} #${n}: preview environments per branch`,
            description: `Filed by the load generator (run ${runId}).`,
            category: 'new-capability',
            urgency: this.pick(['low', 'medium', 'high', 'critical']),
            impact: {
              peopleAffected: 1 + (n % 20),
              hoursLostPerWeek: n % 10,
            },
          },
          ...user,
          onSuccess: body => {
            this.created.push(body.key);
            this.votable.push(body.key);
            this.accepted.requests.push(body.key);
          },
        };
      }
      case 'request-vote': {
        // One vote per user and request: vote on one this user has not.
        const key = this.votable.shift();
        if (!key) return this.call('request-create');
        return {
          kind,
          method: 'POST',
          path: `/api/platform-requests/requests/${key}/votes`,
          ...user,
          onSuccess: () => this.accepted.votes.push(key),
        };
      }
      case 'kpi-ingest': {
        const id = `${runId}-dep-${++this.eventNo}`;
        const finishedAt = Date.now() - 60_000;
        return {
          kind,
          method: 'POST',
          path: '/api/platform-kpis/events',
          token: ingestToken,
          body: {
            events: [
              {
                id,
                type: 'deployment',
                entityRef: this.service(),
                environment: 'production',
                status: this.random() < 0.9 ? 'success' : 'failure',
                startedAt: new Date(finishedAt - 120_000).toISOString(),
                finishedAt: new Date(finishedAt).toISOString(),
                firstCommitAt: new Date(finishedAt - 3_600_000).toISOString(),
                source: 'load',
              },
            ],
          },
          onSuccess: body => {
            for (const result of body.results ?? []) {
              if (result.status === 'accepted') {
                this.accepted.events.push(result.id);
              }
            }
          },
        };
      }
      default:
        throw new Error(`unknown load kind ${kind}`);
    }
  }
}

/** Sends the mix at the given pace and reports what came back. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const {
    baseUrl,
    pace,
    requestTimeoutMs = 30_000,
    maxInFlight = 2_000,
  } = options;
  const workload = new Workload(options);
  const latencies = new Map<LoadKind, number[]>();
  const kinds: LoadReport['kinds'] = {};
  const lags: number[] = [];
  const failures: string[] = [];
  const rss: LoadReport['rss'] = [];
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let skipped = 0;

  const start = performance.now();
  const buckets = new Map<
    number,
    { ok: number; failed: number; ms: number[] }
  >();
  const record = (
    kind: LoadKind,
    status: string,
    ms: number,
    dueAt: number,
  ) => {
    const from = Math.floor((dueAt - start) / 10_000) * 10;
    if (!buckets.has(from)) buckets.set(from, { ok: 0, failed: 0, ms: [] });
    const bucket = buckets.get(from)!;
    if (status.startsWith('2')) bucket.ok++;
    else bucket.failed++;
    bucket.ms.push(ms);
    const report = (kinds[kind] ??= {
      count: 0,
      byStatus: {},
      latencyMs: { p50: 0, p95: 0, p99: 0, max: 0 },
    });
    report.count++;
    report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
    if (!latencies.has(kind)) latencies.set(kind, []);
    latencies.get(kind)!.push(ms);
  };

  const send = async (call: Call, dueAt: number) => {
    let status: string;
    try {
      const res = await fetch(`${baseUrl}${call.path}`, {
        method: call.method,
        headers: {
          Authorization: `Bearer ${call.token}`,
          ...(call.body === undefined
            ? {}
            : { 'Content-Type': 'application/json' }),
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      const text = await res.text();
      status = String(res.status);
      if (res.ok) {
        call.onSuccess?.(JSON.parse(text));
      } else if (failures.length < 10) {
        failures.push(
          `${call.method} ${call.path} → ${res.status} ${text.slice(0, 300)}`,
        );
      }
    } catch (error: any) {
      status = `error:${error?.cause?.code ?? error?.name ?? 'unknown'}`;
      if (failures.length < 10) {
        failures.push(`${call.method} ${call.path} → ${status}`);
      }
    }
    record(call.kind, status, performance.now() - dueAt, dueAt);
  };

  const sampleRss = () => {
    if (options.rssMiB) {
      rss.push({
        atMs: Math.round(performance.now() - start),
        mib: Math.round(options.rssMiB() * 10) / 10,
      });
    }
  };

  sampleRss();
  const sampler = setInterval(sampleRss, 1_000);
  const ratePerSecond = 'clients' in pace ? 0 : pace.ratePerSecond;
  const total =
    'clients' in pace
      ? pace.requests
      : Math.floor((pace.ratePerSecond * pace.durationMs) / 1000);
  const interval = 1000 / ratePerSecond;
  let i = 0;
  if ('clients' in pace) {
    const client = async () => {
      while (i < total) {
        i++;
        sent++;
        lags.push(0);
        await send(workload.next(), performance.now());
      }
    };
    await Promise.all(Array.from({ length: pace.clients }, client));
  }
  while (i < total) {
    const now = performance.now();
    while (i < total && start + i * interval <= now) {
      const dueAt = start + i * interval;
      i++;
      if (inFlight.size >= maxInFlight) {
        skipped++;
        continue;
      }
      lags.push(now - dueAt);
      sent++;
      const promise: Promise<void> = send(workload.next(), dueAt).finally(() =>
        inFlight.delete(promise),
      );
      inFlight.add(promise);
    }
    await sleep(Math.max(1, start + i * interval - performance.now()));
  }
  const sendingMs = performance.now() - start;
  await Promise.all(inFlight);
  clearInterval(sampler);
  sampleRss();

  let serverErrors = 0;
  let otherNon2xx = 0;
  let networkErrors = 0;
  for (const [kind, report] of Object.entries(kinds)) {
    report.latencyMs = percentiles(latencies.get(kind as LoadKind) ?? []);
    for (const [status, count] of Object.entries(report.byStatus)) {
      if (status.startsWith('error:')) networkErrors += count;
      else if (status.startsWith('5')) serverErrors += count;
      else if (!status.startsWith('2')) otherNon2xx += count;
    }
  }
  return {
    runId: options.runId,
    plannedRate: ratePerSecond,
    durationMs: Math.round(performance.now() - start),
    scheduled: total,
    sent,
    skipped,
    achievedRate: Math.round((sent / sendingMs) * 1000 * 10) / 10,
    sendLagMs: percentiles(lags),
    kinds,
    serverErrors,
    otherNon2xx,
    networkErrors,
    accepted: workload.accepted,
    rss,
    timeline: [...buckets.entries()]
      .sort(([a], [b]) => a - b)
      .map(([fromS, { ok, failed, ms }]) => {
        const { p50, p99 } = percentiles(ms);
        return { fromS, ok, failed, p50, p99 };
      }),
    failures,
  };
}

/** RSS at the start, once warm (the first sample at or after `warmupMs`), at the end, and the peak. */
export function rssSummary(report: LoadReport, warmupMs: number) {
  const samples = report.rss;
  if (samples.length === 0) return undefined;
  const warm = samples.find(s => s.atMs >= warmupMs) ?? samples[0];
  return {
    startMiB: samples[0].mib,
    warmMiB: warm.mib,
    endMiB: samples[samples.length - 1].mib,
    peakMiB: Math.max(...samples.map(s => s.mib)),
  };
}
