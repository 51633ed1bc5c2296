/*
 * An open-loop load runner for the whole backend: sends the load mix of
 * @internal/demo-data (catalog, platform-requests and platform-KPI reads and
 * writes) at a fixed rate, whatever the answers' speed (so slow answers
 * cannot slow the load down and hide themselves), each latency measured from
 * the moment its request was due; or closed-loop, for the tests. Used by the
 * short load test in `npm test` and by the benchmark bench/load/run.mjs.
 */
import {
  AcceptedWrites,
  createLoadMix,
  LoadCall,
  LoadKind,
  LoadMixOptions,
} from '@internal/demo-data';
import fs from 'node:fs';

/** The mix's options (run id, services, shares, seed) and how to send it. */
export type LoadOptions = Omit<LoadMixOptions, 'now'> & {
  baseUrl: string;
  /** A signed-in user's token: reads, creates and votes. */
  userToken: string;
  /** The static KPI ingest token. */
  ingestToken: string;
  /**
   * Open loop (the benchmark): `ratePerSecond` for `durationMs`, whatever
   * the backend's speed. Closed loop (the test): `clients` each send their
   * next call when the last one answered, `requests` in all, so a slow or
   * busy machine makes the run longer, never its answers worse.
   */
  pace:
    | { ratePerSecond: number; durationMs: number }
    | { clients: number; requests: number };
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
  accepted: AcceptedWrites;
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

/** Sends the mix at the given pace and reports what came back. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const {
    baseUrl,
    pace,
    requestTimeoutMs = 30_000,
    maxInFlight = 2_000,
  } = options;
  const mix = createLoadMix(options);
  const tokens = { user: options.userToken, ingest: options.ingestToken };
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

  const send = async (call: LoadCall, dueAt: number) => {
    let status: string;
    try {
      const res = await fetch(`${baseUrl}${call.path}`, {
        method: call.method,
        headers: {
          Authorization: `Bearer ${tokens[call.as]}`,
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
        await send(mix.next(), performance.now());
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
      const promise: Promise<void> = send(mix.next(), dueAt).finally(() =>
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
    accepted: mix.accepted,
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
