/*
 * All SQL of improvements. Each change is one transaction on the
 * improvement's row (locked on PostgreSQL, serialised on SQLite), checked
 * against its version and the workflow inside it. Shipping also resolves
 * the still-open linked requests in the same transaction, locking them in
 * id order after the improvement (no other change locks a request and then
 * an improvement, so the two orders cannot deadlock).
 */
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AddressedBy,
  CreateImprovement,
  Effort,
  EffortQuery,
  Improvement,
  ImprovementListQuery,
  ImprovementScope,
  ImprovementTransition,
  improvementTransitionProblem,
  isOpen,
  shipProblem,
  UpdateImprovement,
} from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import { PreconditionFailedError } from '../errors';
import { readEffort } from './effortQueries';
import {
  ImprovementStore,
  ResolvedRequest,
  ShipCommand,
  ShipOutcome,
} from './ImprovementStore';
import {
  improvementIdOf,
  improvementKeyOf,
  ImprovementRow,
  toImprovements,
} from './improvementTables';
import type { StoreSettings } from './RequestStore';
import { priorityOf } from './requestViews';
import {
  activeWatchers,
  addTimeline,
  lockRowsInOrder,
  selectRow,
} from './steps';
import { idOf, priorityFacts, RequestRow, toStored } from './tables';

type Executor = Knex | Knex.Transaction;

export class DatabaseImprovementStore implements ImprovementStore {
  /** The tables come with the plugin's migrations (DatabaseRequestStore.create). */
  constructor(
    private readonly knex: Knex,
    private readonly settings: StoreSettings,
  ) {}

  // ---- reads ---------------------------------------------------------------

  async list(query: ImprovementListQuery): Promise<Improvement[]> {
    const q = this.knex<ImprovementRow>('improvements').select('*');
    if (query.status?.length) q.whereIn('status', query.status);
    if (query.team) {
      const team = query.team;
      q.where(inner =>
        inner
          .whereIn(
            'id',
            this.knex('improvement_scope')
              .select('improvement_id')
              .where({ kind: 'team', entity_ref: team }),
          )
          .orWhereIn(
            'id',
            this.knex('improvement_requests')
              .join(
                'requests',
                'requests.id',
                'improvement_requests.request_id',
              )
              .select('improvement_requests.improvement_id')
              .where('requests.requesting_team', team),
          ),
      );
    }
    if (query.request) {
      q.whereIn(
        'id',
        this.knex('improvement_requests')
          .select('improvement_id')
          .where('request_id', idOf(query.request)),
      );
    }
    const rows: ImprovementRow[] = await q.orderBy('id', 'desc');
    return toImprovements(this.knex, rows);
  }

  async get(key: string): Promise<Improvement | undefined> {
    return this.read(this.knex, improvementIdOf(key));
  }

  effort(query: EffortQuery, at: Date): Promise<Effort> {
    return readEffort(this.knex, query, at);
  }

  async addressing(requestKey: string): Promise<AddressedBy[]> {
    const rows: Array<Pick<ImprovementRow, 'id' | 'title' | 'status'>> =
      await this.knex('improvements')
        .join(
          'improvement_requests',
          'improvement_requests.improvement_id',
          'improvements.id',
        )
        .select('improvements.id', 'improvements.title', 'improvements.status')
        .where('improvement_requests.request_id', idOf(requestKey))
        .orderBy('improvements.id');
    return rows.map(r => ({
      id: improvementKeyOf(r.id),
      title: r.title,
      status: r.status,
    }));
  }

  // ---- changes -------------------------------------------------------------

  async create(
    input: CreateImprovement,
    actor: string,
    at: Date,
  ): Promise<Improvement> {
    const now = at.toISOString();
    return this.knex.transaction(async tx => {
      const requestIds = await existingRequests(tx, input.requests);
      const [inserted] = await tx('improvements')
        .insert({
          title: input.title,
          problem: input.problem,
          target_kpis: JSON.stringify(input.targetKpis),
          status: 'proposed',
          drop_reason: null,
          planned_for: input.plannedFor,
          shipped_at: null,
          owner: input.owner,
          created_by: actor,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .returning('id');
      const id: number = typeof inserted === 'object' ? inserted.id : inserted;
      await replaceLinks(tx, id, requestIds);
      await replaceScope(tx, id, input.scope);
      return (await this.read(tx, id))!;
    });
  }

  async edit(
    key: string,
    command: { fields: UpdateImprovement; expectedVersion: number },
    _actor: string,
    at: Date,
  ): Promise<Improvement> {
    const { fields } = command;
    return this.knex.transaction(async tx => {
      const previous = await lockImprovement(tx, key);
      if (previous.version !== command.expectedVersion) throw stale(previous);
      if (fields.requests && previous.status === 'shipped') {
        throw new ConflictError(
          `requests: ${key} has shipped; the requests it resolved stay linked as they are`,
        );
      }
      const update: Partial<ImprovementRow> = {
        updated_at: at.toISOString(),
        version: previous.version + 1,
      };
      if (fields.title !== undefined) update.title = fields.title;
      if (fields.problem !== undefined) update.problem = fields.problem;
      if (fields.targetKpis !== undefined) {
        update.target_kpis = JSON.stringify(fields.targetKpis);
      }
      if (fields.plannedFor !== undefined)
        update.planned_for = fields.plannedFor;
      if (fields.owner !== undefined) update.owner = fields.owner;
      if (fields.requests) {
        await replaceLinks(
          tx,
          previous.id,
          await existingRequests(tx, fields.requests),
        );
      }
      if (fields.scope) await replaceScope(tx, previous.id, fields.scope);
      await guardedUpdate(tx, previous, update);
      return (await this.read(tx, previous.id))!;
    });
  }

  async transition(
    key: string,
    command: ImprovementTransition & { expectedVersion?: number },
    _actor: string,
    at: Date,
  ): Promise<Improvement> {
    return this.knex.transaction(async tx => {
      const previous = await lockImprovement(tx, key);
      if (
        command.expectedVersion !== undefined &&
        command.expectedVersion !== previous.version
      ) {
        throw stale(previous);
      }
      const problem = improvementTransitionProblem(previous.status, command);
      if (problem?.kind === 'reason-missing') {
        throw new InputError(problem.message);
      }
      if (problem) throw new ConflictError(`${key}: ${problem.message}`);
      await guardedUpdate(tx, previous, {
        status: command.to,
        drop_reason: command.to === 'dropped' ? command.reason!.trim() : null,
        updated_at: at.toISOString(),
        version: previous.version + 1,
      });
      return (await this.read(tx, previous.id))!;
    });
  }

  async ship(
    key: string,
    command: ShipCommand,
    actor: string,
    at: Date,
  ): Promise<ShipOutcome> {
    const now = at.toISOString();
    return this.knex.transaction(async tx => {
      const previous = await lockImprovement(tx, key);
      if (
        command.expectedVersion !== undefined &&
        command.expectedVersion !== previous.version
      ) {
        throw stale(previous);
      }
      const problem = shipProblem(previous.status);
      if (problem) throw new ConflictError(`${key}: ${problem.message}`);

      const requestIds: number[] = (
        await tx('improvement_requests')
          .select('request_id')
          .where('improvement_id', previous.id)
      ).map(r => r.request_id);
      await lockRowsInOrder(tx, requestIds);
      await guardedUpdate(tx, previous, {
        status: 'shipped',
        shipped_at: now,
        updated_at: now,
        version: previous.version + 1,
      });

      const resolved: ResolvedRequest[] = [];
      for (const id of [...requestIds].sort((a, b) => a - b)) {
        const before = (await selectRow(tx, id))!;
        if (!isOpen(before.status)) continue;
        await this.resolve(tx, before, key, command.comment, actor, at);
        resolved.push({
          previous: toStored(before),
          request: toStored((await selectRow(tx, id))!),
          watchers: await activeWatchers(tx, id),
          voters: (
            await tx('votes')
              .select('user_ref')
              .where('request_id', id)
              .orderBy('user_ref')
          ).map(v => v.user_ref as string),
        });
      }
      return { improvement: (await this.read(tx, previous.id))!, resolved };
    });
  }

  // ---- helpers -------------------------------------------------------------

  /** Marks a request done, as its workflow's last step would, with a comment. */
  private async resolve(
    tx: Knex.Transaction,
    row: RequestRow,
    improvementKey: string,
    comment: string,
    actor: string,
    at: Date,
  ) {
    const now = at.toISOString();
    const update: Partial<RequestRow> = {
      status: 'done',
      resolved_at: now,
      updated_at: now,
      version: row.version + 1,
    };
    // The triage clock stops when a request first leaves `new`.
    if (row.status === 'new') update.triaged_at = now;
    update.priority_score = priorityOf(
      priorityFacts({ ...row, ...update } as RequestRow),
      this.settings.priorityWeights,
      at,
    ).score;
    await tx('requests').where('id', row.id).update(update);
    await addTimeline(tx, row.id, 'status-changed', actor, now, null, {
      from: row.status,
      to: 'done',
      improvement: improvementKey,
    });
    const [inserted] = await tx('comments')
      .insert({
        request_id: row.id,
        author: actor,
        body: comment,
        created_at: now,
      })
      .returning('id');
    const commentId = typeof inserted === 'object' ? inserted.id : inserted;
    await addTimeline(tx, row.id, 'commented', actor, now, null, {
      commentId: String(commentId),
    });
  }

  private async read(db: Executor, id: number) {
    const row: ImprovementRow | undefined = await db('improvements')
      .select('*')
      .where('id', id)
      .first();
    if (!row) return undefined;
    return (await toImprovements(db, [row]))[0];
  }
}

async function lockImprovement(tx: Knex.Transaction, key: string) {
  const row: ImprovementRow | undefined = await tx('improvements')
    .select('*')
    .where('id', improvementIdOf(key))
    .forUpdate()
    .first();
  if (!row) throw new NotFoundError(`no improvement ${key}`);
  return row;
}

function stale(row: ImprovementRow) {
  return new PreconditionFailedError(
    `${improvementKeyOf(row.id)} has changed meanwhile; it is now at version ${
      row.version
    }. Reload it and try again.`,
  );
}

/** Updates the row only at the version and status it was read with. */
async function guardedUpdate(
  tx: Knex.Transaction,
  previous: ImprovementRow,
  update: Partial<ImprovementRow>,
) {
  const count = await tx('improvements')
    .where({
      id: previous.id,
      version: previous.version,
      status: previous.status,
    })
    .update(update);
  if (count === 0) throw stale(previous);
}

/** The ids of the requests named, or a 400 naming the first that does not exist. */
async function existingRequests(
  tx: Knex.Transaction,
  keys: string[],
): Promise<number[]> {
  const ids = keys.map(idOf);
  if (ids.length === 0) return [];
  const found = new Set(
    (await tx('requests').select('id').whereIn('id', ids)).map(r =>
      Number(r.id),
    ),
  );
  const index = ids.findIndex(id => !found.has(id));
  if (index >= 0) {
    throw new InputError(
      `requests.${index}: there is no request ${keys[index]}`,
    );
  }
  return [...new Set(ids)];
}

async function replaceLinks(
  tx: Knex.Transaction,
  improvementId: number,
  requestIds: number[],
) {
  await tx('improvement_requests')
    .where('improvement_id', improvementId)
    .delete();
  if (requestIds.length) {
    await tx('improvement_requests').insert(
      requestIds.map(request_id => ({
        improvement_id: improvementId,
        request_id,
      })),
    );
  }
}

async function replaceScope(
  tx: Knex.Transaction,
  improvementId: number,
  scope: ImprovementScope,
) {
  await tx('improvement_scope').where('improvement_id', improvementId).delete();
  const rows = [
    ...scope.teams.map(ref => ({ kind: 'team', entity_ref: ref })),
    ...scope.entities.map(ref => ({ kind: 'entity', entity_ref: ref })),
  ];
  if (rows.length) {
    await tx('improvement_scope').insert(
      rows.map(r => ({ ...r, improvement_id: improvementId })),
    );
  }
}
