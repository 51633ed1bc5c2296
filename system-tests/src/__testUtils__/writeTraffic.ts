/*
 * A steady mix of writes and reads against a running portal, for fault
 * tests: platform requests are filed and commented on, KPI event batches
 * are posted, and the request list and a catalog entity are read. Every
 * response is recorded with what it wrote, so a test can check afterwards
 * that each acknowledged write is in the database.
 *
 *   const traffic = new WriteTraffic(portal.baseUrl, userToken);
 *   traffic.start(3);            // three concurrent callers
 *   ... break the database ...
 *   await traffic.stop();
 *   traffic.outcomes             // one per call
 */

/** A response later than this counts as a hang. */
export const REQUEST_TIMEOUT_MS = 60_000;

export const KPI_INGEST_TOKEN = 'local-kpi-ingest-token';

export type CallKind = 'create' | 'comment' | 'kpi' | 'list' | 'catalog';

export type Outcome = {
  kind: CallKind;
  /** HTTP status, or 'hang' (no answer in time) or 'network' (no server). */
  status: number | 'hang' | 'network';
  at: number;
  retryAfter?: string | null;
  errorName?: string;
  errorMessage?: string;
  /** create: the request's key and title. */
  key?: string;
  title?: string;
  /** comment: the comment's id and body. */
  commentId?: string;
  body?: string;
  /** kpi: the batch number (event ids fault-<n>-…) and whether all were accepted. */
  batch?: number;
  allAccepted?: boolean;
};

export class WriteTraffic {
  readonly outcomes: Outcome[] = [];
  private running = false;
  private workers: Promise<void>[] = [];
  private counter = 0;
  private readonly createdKeys: string[] = [];
  /** Titles of requests answered 503 or not at all, to be filed again. */
  private readonly unacknowledged: string[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly userToken: string,
    /** Distinguishes runs that share a database. */
    private readonly runId: string,
  ) {}

  start(concurrency: number) {
    this.running = true;
    for (let i = 0; i < concurrency; i++) this.workers.push(this.loop());
  }

  async stop() {
    this.running = false;
    await Promise.all(this.workers);
    this.workers = [];
    await this.fileUnacknowledged();
  }

  since(at: number): Outcome[] {
    return this.outcomes.filter(o => o.at >= at);
  }

  private async loop() {
    while (this.running) {
      const retry = this.unacknowledged.shift();
      if (retry) await this.createRequest(retry);
      await this.createRequest();
      await this.comment();
      await this.postKpiBatch();
      await this.call('list', '/api/platform-requests/requests?limit=5');
      await this.call(
        'catalog',
        '/api/catalog/entities/by-name/component/default/checkout-api',
      );
    }
  }

  private async call(
    kind: CallKind,
    path: string,
    options: {
      body?: unknown;
      token?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<{ outcome: Outcome; json?: any }> {
    const outcome: Outcome = { kind, status: 'network', at: Date.now() };
    let json: any;
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method: options.body === undefined ? 'GET' : 'POST',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        headers: {
          Authorization: `Bearer ${options.token ?? this.userToken}`,
          ...(options.body === undefined
            ? {}
            : { 'Content-Type': 'application/json' }),
          ...options.headers,
        },
        body:
          options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      outcome.status = res.status;
      outcome.retryAfter = res.headers.get('retry-after');
      json = await res.json().catch(() => undefined);
      if (!res.ok) {
        outcome.errorName = json?.error?.name;
        outcome.errorMessage = json?.error?.message;
      }
    } catch (e: any) {
      outcome.status = e?.name === 'TimeoutError' ? 'hang' : 'network';
      outcome.errorMessage = String(e?.cause?.code ?? e?.message ?? e);
    }
    this.outcomes.push(outcome);
    return { outcome, json };
  }

  /**
   * Files a request the way a careful client does: with an Idempotency-Key
   * (the title), and again with the same key after a 503 or a lost answer.
   * Retries wait for the next round of the loop, so the other calls go on
   * meanwhile; stop() files what is still unacknowledged. Every attempt is
   * an outcome of its own.
   */
  private async createRequest(title = `Fault ${this.runId} ${++this.counter}`) {
    const { outcome, json } = await this.call(
      'create',
      '/api/platform-requests/requests',
      {
        headers: { 'Idempotency-Key': title.replace(/ /g, '-') },
        body: {
          title,
          description: 'Filed while the database was being restarted.',
          category: 'new-capability',
          urgency: 'low',
          impact: { peopleAffected: 2, hoursLostPerWeek: 1 },
          relatedEntities: ['component:default/checkout-api'],
          tags: ['fault-test'],
        },
      },
    );
    outcome.title = title;
    // 201 filed; 200 a retry that found the request already filed.
    if (outcome.status === 201 || outcome.status === 200) {
      outcome.key = json.key;
      this.createdKeys.push(json.key);
    } else if (
      outcome.status === 503 ||
      outcome.status === 'network' ||
      outcome.status === 'hang'
    ) {
      this.unacknowledged.push(title);
    }
  }

  /** After the traffic: files again what was never acknowledged. */
  private async fileUnacknowledged() {
    for (let round = 0; round < 60 && this.unacknowledged.length; round++) {
      const titles = this.unacknowledged.splice(0);
      for (const title of titles) await this.createRequest(title);
      if (this.unacknowledged.length) {
        await new Promise(r => setTimeout(r, 1_000));
      }
    }
  }

  private async comment() {
    const key = this.createdKeys[this.createdKeys.length - 1];
    if (!key) return;
    const body = `Comment ${this.runId} ${++this.counter}`;
    const { outcome, json } = await this.call(
      'comment',
      `/api/platform-requests/requests/${key}/comments`,
      { body: { body } },
    );
    outcome.body = body;
    if (outcome.status === 201) outcome.commentId = json.id;
  }

  /** Two deployments with two commits each, and one change: one transaction. */
  private async postKpiBatch() {
    const batch = ++this.counter;
    const now = Date.now();
    const sha = (n: number) => (0x10000000 + batch * 8 + n).toString(16);
    const at = (msAgo: number) => new Date(now - msAgo).toISOString();
    const deployment = (n: number) => ({
      id: `fault-${this.runId}-${batch}-d${n}`,
      type: 'deployment',
      entityRef: 'component:default/checkout-api',
      environment: 'production',
      status: 'success',
      startedAt: at(120_000),
      finishedAt: at(60_000),
      commitShas: [sha(n * 2), sha(n * 2 + 1)],
    });
    const { outcome, json } = await this.call(
      'kpi',
      '/api/platform-kpis/events',
      {
        token: KPI_INGEST_TOKEN,
        body: {
          events: [
            deployment(1),
            deployment(2),
            {
              id: `fault-${this.runId}-${batch}-c1`,
              type: 'change',
              entityRef: 'component:default/checkout-api',
              kind: 'commit',
              sha: sha(2),
              committedAt: at(600_000),
            },
          ],
        },
      },
    );
    outcome.batch = batch;
    if (outcome.status === 200) {
      outcome.allAccepted = json.results.every(
        (r: { status: string }) => r.status === 'accepted',
      );
    }
  }
}

/** Counts per "kind status", for failure messages and the report. */
export function tally(outcomes: Outcome[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of outcomes) {
    const key = `${o.kind} ${o.status}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
