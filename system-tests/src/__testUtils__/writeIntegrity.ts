/*
 * After a fault: is every acknowledged write stored, and is anything stored
 * half? "Half" concretely, per plugin:
 *
 * platform-requests (one transaction per change):
 *   - a request without its 'created' timeline entry, without its requester
 *     as watcher, or (for the traffic's requests) without its related entity;
 *   - a comment without its 'commented' timeline entry, or such an entry
 *     whose comment does not exist.
 * platform-kpis (one transaction per batch):
 *   - a batch of the traffic stored in part: not both deployments, not the
 *     change, or a deployment without both of its commits.
 */
import { Client } from 'pg';
import { PostgresTarget } from '@internal/testing';
import { Outcome } from './writeTraffic';

async function query<T = any>(
  connection: PostgresTarget,
  database: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ ...connection, database });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export type IntegrityReport = {
  /** Acknowledged (2xx) writes that are not in the database. */
  lost: string[];
  /** Rows that a transaction should have written together, found apart. */
  halfWritten: string[];
  /** Comments and KPI batches answered 503 that were stored anyway (whole). */
  storedDespite503: number;
  /** Requests stored more than once although retried with one key. */
  duplicated: string[];
};

export async function checkWriteIntegrity(options: {
  connection: PostgresTarget;
  prefix: string;
  runId: string;
  outcomes: Outcome[];
}): Promise<IntegrityReport> {
  const { connection, prefix, runId, outcomes } = options;
  const requestsDb = `${prefix}platform-requests`;
  const kpisDb = `${prefix}platform-kpis`;
  const report: IntegrityReport = {
    lost: [],
    halfWritten: [],
    storedDespite503: 0,
    duplicated: [],
  };

  // ---- platform-requests ----
  const requests = await query<{
    id: number;
    title: string;
    created: number;
    watching: number;
    entities: number;
  }>(
    connection,
    requestsDb,
    `select r.id, r.title,
            (select count(*)::int from timeline t
              where t.request_id = r.id and t.type = 'created') as created,
            (select count(*)::int from watchers w
              where w.request_id = r.id and w.user_ref = r.requester) as watching,
            (select count(*)::int from request_entities e
              where e.request_id = r.id) as entities
       from requests r where r.title like $1`,
    [`Fault ${runId} %`],
  );
  for (const r of requests) {
    if (r.created !== 1 || r.watching !== 1 || r.entities !== 1) {
      report.halfWritten.push(
        `REQ-${r.id}: ${r.created} created entries, ${r.watching} requester watchers, ${r.entities} entities`,
      );
    }
  }
  const titleOf = new Map(requests.map(r => [`REQ-${r.id}`, r.title]));
  const copies = new Map<string, number>();
  for (const r of requests) copies.set(r.title, (copies.get(r.title) ?? 0) + 1);
  for (const [title, n] of copies) {
    if (n > 1) report.duplicated.push(`${title} (${n} rows)`);
  }

  const comments = await query<{ id: number; body: string; entries: number }>(
    connection,
    requestsDb,
    `select c.id, c.body,
            (select count(*)::int from timeline t
              where t.type = 'commented' and t.request_id = c.request_id
                and (t.details::jsonb ->> 'commentId') = c.id::text) as entries
       from comments c where c.body like $1`,
    [`Comment ${runId} %`],
  );
  for (const c of comments) {
    if (c.entries !== 1) {
      report.halfWritten.push(`comment ${c.id}: ${c.entries} timeline entries`);
    }
  }
  const orphanEntries = await query(
    connection,
    requestsDb,
    `select t.id from timeline t
      where t.type = 'commented' and not exists (
        select 1 from comments c
         where (t.details::jsonb ->> 'commentId') = c.id::text)`,
  );
  for (const t of orphanEntries) {
    report.halfWritten.push(
      `timeline ${t.id}: 'commented' without its comment`,
    );
  }
  const storedComments = new Map(comments.map(c => [String(c.id), c.body]));
  const storedBodies = new Set(comments.map(c => c.body));

  // ---- platform-kpis ----
  const batches = await query<{
    batch: string;
    deployments: number;
    commits: number;
    changes: number;
  }>(
    connection,
    kpisDb,
    `with ids as (
       select split_part(id, '-', 3) as batch, 'd' as what, id from kpi_deployments where id like $1
       union all
       select split_part(id, '-', 3), 'c', id from kpi_changes where id like $1)
     select batch,
            count(*) filter (where what = 'd')::int as deployments,
            count(*) filter (where what = 'c')::int as changes,
            (select count(*)::int from kpi_deployment_commits k
              where k.deployment_id in (select id from ids i2
                                         where i2.batch = ids.batch and i2.what = 'd')) as commits
       from ids group by batch`,
    [`fault-${runId}-%`],
  );
  for (const b of batches) {
    if (b.deployments !== 2 || b.changes !== 1 || b.commits !== 4) {
      report.halfWritten.push(
        `KPI batch ${b.batch}: ${b.deployments} deployments, ${b.changes} changes, ${b.commits} commits`,
      );
    }
  }
  const storedBatches = new Set(batches.map(b => Number(b.batch)));

  // ---- acknowledged writes ----
  for (const o of outcomes) {
    if (o.kind === 'create') {
      const acknowledged = o.status === 201 || o.status === 200;
      if (acknowledged && titleOf.get(o.key!) !== o.title) {
        report.lost.push(`request ${o.key} (${o.title})`);
      }
      // A create answered 503 is filed again with its key; a retry that
      // finds it stored answers 200 (counted by the caller).
    } else if (o.kind === 'comment') {
      if (o.status === 201 && storedComments.get(o.commentId!) !== o.body) {
        report.lost.push(`comment ${o.commentId} (${o.body})`);
      }
      if (o.status === 503 && storedBodies.has(o.body!)) {
        report.storedDespite503++;
      }
    } else if (o.kind === 'kpi') {
      if (o.status === 200 && o.allAccepted && !storedBatches.has(o.batch!)) {
        report.lost.push(`KPI batch ${o.batch}`);
      }
      if (o.status === 503 && storedBatches.has(o.batch!)) {
        report.storedDespite503++;
      }
    }
  }
  return report;
}
