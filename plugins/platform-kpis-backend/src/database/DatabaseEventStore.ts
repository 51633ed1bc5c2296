/*
 * Writes ingested events. A batch is one transaction: its valid events are
 * stored together or not at all. The event id is the primary key and rows
 * are inserted with ON CONFLICT DO NOTHING in id order, so concurrent posts
 * of one batch store each event once (the later ones wait for the first and
 * see a conflict) and cannot deadlock on each other.
 *
 * Derived columns are settled here, whatever order events arrive in: a
 * deployment's lead time (from its firstCommitAt, or else from the earliest
 * change event among its commits), and its change-failure flag (failed, or
 * named by an incident).
 */
import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  ChangeEvent,
  DEMO_SOURCE,
  DeploymentEvent,
  IncidentEvent,
  KpiEvent,
} from '@internal/plugin-platform-kpis-common';
import { Knex } from 'knex';
import { eventKey, EventStore, StampedEvent, StoreOutcome } from './EventStore';
import { ingestLockKeys, lockForIngest } from './ingestLocks';
import { applyMigrations } from './migrations';

const CHUNK = 500;

export class DatabaseEventStore implements EventStore {
  /** Migrates the database (unless skipped) and opens the store. */
  static async create(options: {
    database: DatabaseService;
    productionEnvironments: string[];
    now?: () => number;
  }): Promise<DatabaseEventStore> {
    const knex = await options.database.getClient();
    await applyMigrations(options.database, knex);
    return new DatabaseEventStore(
      knex,
      options.productionEnvironments,
      options.now,
    );
  }

  private constructor(
    private readonly knex: Knex,
    private readonly productionEnvironments: string[],
    private readonly now: () => number = Date.now,
  ) {}

  async store(
    batch: StampedEvent[],
    outer?: Knex.Transaction,
  ): Promise<Map<string, StoreOutcome>> {
    const outcome = new Map<string, StoreOutcome>();
    const byType = <T extends KpiEvent>(type: T['type']) =>
      batch
        .filter(b => b.event.type === type)
        .sort((a, b) => (a.event.id < b.event.id ? -1 : 1)) as Array<{
        event: T;
        team: string | null;
      }>;
    const write = async (tx: Knex.Transaction) => {
      // Batches that overlap in time would each miss the other's rows when
      // they settle lead times and change failures (a deployment in one, the
      // change or incident that concerns it in the other): batches sharing a
      // component or a deployment take turns.
      await lockForIngest(tx, ingestLockKeys(batch.map(b => b.event)));
      const receivedAt = this.now();
      const deployments = byType<DeploymentEvent>('deployment');
      const changes = byType<ChangeEvent>('change');
      const incidents = byType<IncidentEvent>('incident');

      const newDeployments = await this.insertDeployments(
        tx,
        deployments,
        receivedAt,
      );
      const newChanges = await insertIgnore(
        tx,
        'kpi_changes',
        changes.map(({ event: e, team }) => ({
          id: e.id,
          entity_ref: e.entityRef,
          team_ref: team,
          kind: e.kind,
          sha: e.sha,
          committed_at: e.committedAt,
          merged_at: e.mergedAt ?? null,
          demo: e.source === DEMO_SOURCE ? 1 : 0,
          source: e.source ?? null,
          received_at: receivedAt,
        })),
      );
      const changedIncidents = await this.writeIncidents(
        tx,
        incidents,
        receivedAt,
      );

      // Lead times of new deployments, and of older ones of the same
      // component a new change dates (only those: their rows are the ones
      // this batch's locks cover).
      const dated = await deploymentsDatedBy(
        tx,
        changes.filter(c => newChanges.has(c.event.id)).map(c => c.event),
      );
      await this.deriveFirstCommit(tx, [
        ...new Set([...newDeployments, ...dated]),
      ]);

      // Change failures: incidents naming a deployment, whichever came first.
      const named = incidents
        .filter(i => changedIncidents.has(i.event.id) && i.event.deploymentId)
        .map(i => i.event.deploymentId!);
      const blamed = await selectIn(
        tx,
        'kpi_incidents',
        'deployment_id',
        [...newDeployments],
        'deployment_id',
      );
      await updateIn(
        tx,
        'kpi_deployments',
        'id',
        [...new Set([...named, ...blamed])],
        {
          caused_incident: 1,
          change_failed: 1,
        },
      );

      const keys = (type: string, ids: Iterable<string>) =>
        [...ids].map(id => eventKey({ type, id }));
      for (const key of [
        ...keys('deployment', newDeployments),
        ...keys('change', newChanges),
        ...keys('incident', changedIncidents),
      ]) {
        outcome.set(key, 'accepted');
      }
    };
    if (outer) await write(outer);
    else await this.knex.transaction(write);
    for (const { event } of batch) {
      const key = eventKey(event);
      if (!outcome.has(key)) outcome.set(key, 'duplicate');
    }
    return outcome;
  }

  private async insertDeployments(
    tx: Knex.Transaction,
    deployments: Array<{ event: DeploymentEvent; team: string | null }>,
    receivedAt: number,
  ): Promise<Set<string>> {
    const inserted = await insertIgnore(
      tx,
      'kpi_deployments',
      deployments.map(({ event: e, team }) => ({
        id: e.id,
        entity_ref: e.entityRef,
        team_ref: team,
        environment: e.environment,
        production: this.productionEnvironments.includes(
          e.environment.toLocaleLowerCase('en-US'),
        )
          ? 1
          : 0,
        status: e.status,
        started_at: e.startedAt,
        finished_at: e.finishedAt,
        first_commit_at: e.firstCommitAt ?? null,
        first_commit_sent: e.firstCommitAt === undefined ? 0 : 1,
        // Validation guarantees firstCommitAt ≤ finishedAt.
        lead_time_ms:
          e.firstCommitAt === undefined ? null : e.finishedAt - e.firstCommitAt,
        caused_incident: 0,
        change_failed: e.status === 'failure' ? 1 : 0,
        commit_shas: JSON.stringify(e.commitShas),
        demo: e.source === DEMO_SOURCE ? 1 : 0,
        source: e.source ?? null,
        received_at: receivedAt,
      })),
    );
    const commits = deployments
      .filter(d => inserted.has(d.event.id))
      .flatMap(d =>
        [...new Set(d.event.commitShas)].map(sha => ({
          deployment_id: d.event.id,
          sha,
        })),
      );
    for (let i = 0; i < commits.length; i += CHUNK) {
      await tx('kpi_deployment_commits')
        .insert(commits.slice(i, i + CHUNK))
        .onConflict(['deployment_id', 'sha'])
        .ignore();
    }
    return inserted;
  }

  /**
   * New incidents are inserted; a resolved copy of an incident stored while
   * open resolves it (accepted); anything else with a known id is a duplicate.
   */
  private async writeIncidents(
    tx: Knex.Transaction,
    incidents: Array<{ event: IncidentEvent; team: string | null }>,
    receivedAt: number,
  ): Promise<Set<string>> {
    const inserted = await insertIgnore(
      tx,
      'kpi_incidents',
      incidents.map(({ event: e, team }) => ({
        id: e.id,
        entity_ref: e.entityRef,
        team_ref: team,
        severity: e.severity,
        opened_at: e.openedAt,
        resolved_at: e.resolvedAt ?? null,
        restore_ms:
          e.resolvedAt === undefined ? null : e.resolvedAt - e.openedAt,
        deployment_id: e.deploymentId ?? null,
        demo: e.source === DEMO_SOURCE ? 1 : 0,
        source: e.source ?? null,
        received_at: receivedAt,
      })),
    );
    for (const { event: e } of incidents) {
      if (inserted.has(e.id) || e.resolvedAt === undefined) continue;
      // The resolved copy's times win (a tool may resend openedAt more
      // precisely); a deployment named before is kept if this copy has none.
      const updated = await tx('kpi_incidents')
        .where({ id: e.id })
        .whereNull('resolved_at')
        .update({
          opened_at: e.openedAt,
          resolved_at: e.resolvedAt,
          restore_ms: e.resolvedAt - e.openedAt,
          deployment_id: tx.raw('COALESCE(?, deployment_id)', [
            e.deploymentId ?? null,
          ]),
        });
      if (updated > 0) inserted.add(e.id);
    }
    return inserted;
  }

  /**
   * Deployments sent without firstCommitAt start their lead time at the
   * earliest known change of the same service among their commits that is
   * not later than the deployment itself.
   */
  private async deriveFirstCommit(tx: Knex.Transaction, ids: string[]) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const marks = chunk.map(() => '?').join(', ');
      // One statement: the earliest commit, and the lead time from it.
      const earliest = `(
           SELECT MIN(c.committed_at)
             FROM kpi_deployment_commits dc
             JOIN kpi_changes c ON c.sha = dc.sha AND c.entity_ref = kpi_deployments.entity_ref
            WHERE dc.deployment_id = kpi_deployments.id
              AND c.committed_at <= kpi_deployments.finished_at)`;
      await tx.raw(
        `UPDATE kpi_deployments
            SET first_commit_at = ${earliest},
                lead_time_ms = finished_at - ${earliest}
          WHERE first_commit_sent = 0 AND id IN (${marks})`,
        chunk,
      );
    }
  }
}

/** Inserts rows, skipping ids that exist; returns the ids it inserted. */
async function insertIgnore(
  tx: Knex.Transaction,
  table: string,
  rows: Array<Record<string, unknown> & { id: string }>,
): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const result: Array<{ id: string }> = await tx(table)
      .insert(rows.slice(i, i + CHUNK))
      .onConflict('id')
      .ignore()
      .returning('id');
    for (const r of result) inserted.add(r.id);
  }
  return inserted;
}

/** Deployments of the changes' components that include the changes' SHAs. */
async function deploymentsDatedBy(
  tx: Knex.Transaction,
  changes: ChangeEvent[],
): Promise<string[]> {
  const wanted = new Set(changes.map(c => `${c.entityRef}\n${c.sha}`));
  const shas = [...new Set(changes.map(c => c.sha))];
  const out = new Set<string>();
  for (let i = 0; i < shas.length; i += CHUNK) {
    const rows = await tx('kpi_deployment_commits as dc')
      .join('kpi_deployments as d', 'd.id', 'dc.deployment_id')
      .whereIn('dc.sha', shas.slice(i, i + CHUNK))
      .select('dc.deployment_id', 'dc.sha', 'd.entity_ref');
    for (const r of rows) {
      if (wanted.has(`${r.entity_ref}\n${r.sha}`)) out.add(r.deployment_id);
    }
  }
  return [...out];
}

async function selectIn(
  tx: Knex.Transaction,
  table: string,
  column: string,
  values: string[],
  select: string,
): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    const rows = await tx(table)
      .whereIn(column, values.slice(i, i + CHUNK))
      .distinct(select);
    out.push(...rows.map((r: any) => r[select]));
  }
  return out;
}

async function updateIn(
  tx: Knex.Transaction,
  table: string,
  column: string,
  values: string[],
  patch: Record<string, unknown>,
) {
  for (let i = 0; i < values.length; i += CHUNK) {
    await tx(table)
      .whereIn(column, values.slice(i, i + CHUNK))
      .update(patch);
  }
}
