/*
 * All SQL of platform requests. Each change runs in one transaction that
 * also writes its timeline entry, so a failure leaves nothing half-written;
 * workflow rules are checked inside that transaction against the row as it
 * is then (locked on PostgreSQL, serialised on SQLite), and conditional
 * permissions arrive as filters that become part of the WHERE clause.
 */
import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  diffFields,
  isOpen,
  ratingProblem,
  voteProblem,
  RequestComment,
  TimelineEntry,
  transitionKind,
  transitionProblem,
} from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import { TransitionRefusedError } from '../errors';
import { applyRequestFilter } from '../permissions/applyRequestFilter';
import { RequestFilter, RequestResource } from '../permissions/resource';
import { decodeCursor, encodeCursor, Sort, sortSpec } from './cursor';
import { applyFilters, applySort, ListFilters, ListOptions } from './listQuery';
import { checkOriginal, mergeDuplicate } from './mergeDuplicate';
import { applyMigrations } from './migrations';
import {
  Actor,
  Change,
  EditCommand,
  ListPage,
  Idempotency,
  NewRequest,
  RequestStore,
  StoredRequest,
  StoreSettings,
  TransitionCommand,
} from './RequestStore';
import { Participation, participationOf, priorityOf } from './requestViews';
import {
  activeWatchers,
  addTimeline,
  countVotes,
  entitiesOf,
  lockRow,
  lockRowsInOrder,
  replaceEntities,
  selectRow,
  stale,
  toComment,
  watch,
} from './steps';
import {
  CommentRow,
  idOf,
  keyOf,
  priorityFacts,
  requestColumns,
  RequestRow,
  TimelineRow,
  toIso,
  toStored,
} from './tables';
import { columnsOf, fieldsOf } from './editColumns';
import { refreshPriorities } from './refreshPriorities';
import { checkRequesterReopen, explainRefusal } from './refusals';
import { createTextSearch, TextSearch } from './textSearch';

export class DatabaseRequestStore implements RequestStore {
  /** Migrates the database (unless skipped) and opens the store. */
  static async create(options: {
    database: DatabaseService;
    settings: StoreSettings;
  }): Promise<DatabaseRequestStore> {
    const knex = await options.database.getClient();
    await applyMigrations(options.database, knex);
    const textSearch = await createTextSearch(knex);
    return new DatabaseRequestStore(knex, options.settings, textSearch);
  }

  private constructor(
    private readonly knex: Knex,
    private readonly settings: StoreSettings,
    readonly textSearch: TextSearch,
  ) {}

  // ---- reads ---------------------------------------------------------------

  async get(key: string): Promise<StoredRequest | undefined> {
    const row: RequestRow | undefined = await this.knex('requests')
      .select(requestColumns)
      .where('id', idOf(key))
      .first();
    return row && toStored(row);
  }

  async getMany(ids: number[]): Promise<StoredRequest[]> {
    if (ids.length === 0) return [];
    const rows: RequestRow[] = await this.knex('requests')
      .select(requestColumns)
      .whereIn('id', ids);
    const byId = new Map(rows.map(r => [r.id, r]));
    return ids.flatMap(id => {
      const row = byId.get(id);
      return row ? [toStored(row)] : [];
    });
  }

  /** For the permission framework's apply-conditions endpoint. */
  async getResources(
    keys: string[],
  ): Promise<Array<RequestResource | undefined>> {
    const valid = keys.filter(k => /^REQ-[1-9][0-9]{0,9}$/.test(k));
    const rows = await this.getMany(valid.map(idOf));
    const byKey = new Map(rows.map(r => [keyOf(r.id), r]));
    return keys.map(key => {
      const row = byKey.get(key);
      return row && { key, requester: row.requester, status: row.status };
    });
  }

  async list(
    options: ListOptions,
    viewer: string | undefined,
    now = new Date(),
  ): Promise<ListPage> {
    const query = this.knex('requests').select(requestColumns);
    applyFilters(this.knex, query, options, {
      viewer,
      textSearch: this.textSearch,
      sla: this.settings.sla,
      now,
    });
    applySort(query, options);
    const rows: RequestRow[] = await query.limit(options.limit + 1);
    if (rows.length <= options.limit) {
      return { rows: rows.map(toStored), nextCursor: null };
    }
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    const { column, kind } = sortSpec(options.sort);
    const value = last[column as keyof RequestRow] as string | number | Date;
    return {
      rows: page.map(toStored),
      nextCursor: encodeCursor({
        sort: options.sort,
        value: kind === 'time' ? toIso(value) : Number(value),
        id: last.id,
      }),
    };
  }

  /** How many rows `list` would return over all its pages. */
  async count(
    filters: ListFilters,
    viewer: string | undefined,
    now = new Date(),
  ): Promise<number> {
    const query = this.knex('requests').count({ n: '*' });
    applyFilters(this.knex, query, filters, {
      viewer,
      textSearch: this.textSearch,
      sla: this.settings.sla,
      now,
    });
    const [{ n }] = await query;
    return Number(n);
  }

  async participation(
    ids: number[],
    viewer: string | undefined,
  ): Promise<Map<number, Participation>> {
    return participationOf(this.knex, ids, viewer);
  }

  /** Every matching row, in pages, up to `max` (for exports). */
  async *listAll(
    filters: ListFilters & { sort: Sort },
    viewer: string | undefined,
    max: number,
  ): AsyncGenerator<StoredRequest[]> {
    const now = new Date();
    let cursor: string | null = null;
    let seen = 0;
    do {
      const limit = Math.min(500, max - seen);
      const page: ListPage = await this.list(
        {
          ...filters,
          limit,
          cursor: cursor ? decodeCursor(cursor, filters.sort) : undefined,
        },
        viewer,
        now,
      );
      seen += page.rows.length;
      if (page.rows.length) yield page.rows;
      cursor = page.nextCursor;
    } while (cursor && seen < max);
  }

  async similar(title: string, limit: number): Promise<StoredRequest[]> {
    return this.getMany(await this.textSearch.similar(title, limit));
  }

  async timeline(key: string): Promise<TimelineEntry[]> {
    await this.mustExist(key);
    const rows: TimelineRow[] = await this.knex('timeline')
      .where('request_id', idOf(key))
      .orderBy('id');
    return rows.map(r => ({
      id: String(r.id),
      type: r.type,
      actor: r.actor,
      at: toIso(r.at),
      comment: r.comment,
      details: JSON.parse(r.details),
    }));
  }

  async comments(key: string): Promise<RequestComment[]> {
    await this.mustExist(key);
    const rows: CommentRow[] = await this.knex('comments')
      .where('request_id', idOf(key))
      .orderBy('id');
    return rows.map(toComment);
  }

  // ---- changes -------------------------------------------------------------

  async findByIdempotencyKey(
    requester: string,
    key: string,
  ): Promise<{ id: number; hash: string } | undefined> {
    const row = await this.knex('requests')
      .select('id', 'idempotency_hash')
      .where({ requester, idempotency_key: key })
      .first();
    return row && { id: row.id, hash: row.idempotency_hash };
  }

  async createRequest(
    input: NewRequest,
    actor: Actor,
    idempotency?: Idempotency,
  ): Promise<StoredRequest> {
    const at = actor.at ?? new Date();
    const now = at.toISOString();
    return this.knex.transaction(async tx => {
      const row = {
        title: input.title,
        description: input.description,
        category: input.category,
        urgency: input.urgency,
        people_affected: input.impact.peopleAffected,
        hours_lost_per_week: input.impact.hoursLostPerWeek,
        requesting_team: input.requestingTeam,
        tags: JSON.stringify(input.tags),
        status: 'new' as const,
        requester: actor.userRef,
        vote_count: 0,
        team_count: 0,
        created_at: now,
        updated_at: now,
        opened_at: now,
        resolved_at: null,
        version: 1,
      };
      const [inserted] = await tx('requests')
        .insert({
          ...row,
          priority_score: priorityOf(
            priorityFacts(row),
            this.settings.priorityWeights,
            at,
          ).score,
          idempotency_key: idempotency?.key ?? null,
          idempotency_hash: idempotency?.hash ?? null,
        })
        .returning('id');
      const id: number = typeof inserted === 'object' ? inserted.id : inserted;
      await replaceEntities(tx, id, input.relatedEntities);
      await watch(tx, id, actor.userRef, now);
      await addTimeline(tx, id, 'created', actor.userRef, now, null, {
        status: 'new',
      });
      return toStored((await selectRow(tx, id))!);
    });
  }

  async edit(key: string, command: EditCommand, actor: Actor): Promise<Change> {
    const at = actor.at ?? new Date();
    const now = at.toISOString();
    return this.knex.transaction(async tx => {
      const id = idOf(key);
      const previous = await lockRow(tx, key);
      const { fields } = command;

      const current = {
        ...fieldsOf(previous),
        relatedEntities: fields.relatedEntities ? await entitiesOf(tx, id) : [],
      };
      const { changed, from, to } = diffFields(current, fields);
      const update = columnsOf(changed, fields);
      const assigneeChanged =
        command.assignee !== undefined &&
        command.assignee !== previous.assignee;
      if (assigneeChanged) update.assignee = command.assignee ?? null;

      // Who may edit, which version and which status: all in the WHERE.
      const guarded = tx('requests')
        .where('id', id)
        .where('version', command.expectedVersion);
      if (command.permissionFilter) {
        applyRequestFilter(guarded, command.permissionFilter);
      }
      if (command.onlyWhileNew) guarded.where('status', 'new');

      if (!changed.length && !assigneeChanged) {
        // Nothing to change, but the caller still learns if they could not.
        if (!(await guarded.select('id').first())) {
          await explainRefusal(tx, previous, command, 'edit');
        }
        return {
          at: now,
          previous: toStored(previous),
          request: toStored(previous),
          watchers: [],
          fields: [],
        };
      }
      const next = { ...previous, ...update } as RequestRow;
      const count = await guarded.update({
        ...update,
        priority_score: priorityOf(
          priorityFacts(next),
          this.settings.priorityWeights,
          at,
        ).score,
        updated_at: now,
        version: previous.version + 1,
      });
      if (count === 0) {
        await explainRefusal(tx, previous, command, 'edit');
      }
      if (changed.includes('relatedEntities')) {
        await replaceEntities(tx, id, fields.relatedEntities!);
      }
      if (changed.length) {
        await addTimeline(tx, id, 'edited', actor.userRef, now, null, {
          fields: changed,
          from,
          to,
        });
      }
      if (assigneeChanged) {
        await addTimeline(tx, id, 'assigned', actor.userRef, now, null, {
          from: previous.assignee,
          to: command.assignee,
        });
      }
      return {
        at: now,
        previous: toStored(previous),
        request: toStored((await selectRow(tx, id))!),
        watchers: await activeWatchers(tx, id),
        fields: assigneeChanged ? [...changed, 'assignee'] : changed,
      };
    });
  }

  async transition(
    key: string,
    command: TransitionCommand,
    actor: Actor,
  ): Promise<Change> {
    const at = actor.at ?? new Date();
    const now = at.toISOString();
    return this.knex.transaction(async tx => {
      const id = idOf(key);
      if (command.to === 'duplicate' && command.duplicateOf) {
        // The original is locked too (checkOriginal): both in id order.
        await lockRowsInOrder(tx, [id, idOf(command.duplicateOf)]);
      }
      const previous = await lockRow(tx, key);

      if (command.requesterReopen) {
        await checkRequesterReopen(tx, previous, command, at);
      }
      if (
        command.expectedVersion !== undefined &&
        command.expectedVersion !== previous.version
      ) {
        throw stale(previous);
      }
      const problem = transitionProblem(previous.status, command);
      if (problem) throw new TransitionRefusedError(problem);
      const kind = transitionKind(previous.status, command.to)!;

      const update: Partial<RequestRow> = {
        status: command.to,
        updated_at: now,
        version: previous.version + 1,
      };
      // The triage clock stops when a request first leaves `new`.
      if (previous.status === 'new' && command.to !== 'new') {
        update.triaged_at = now;
      }
      if (!isOpen(command.to)) update.resolved_at = now;
      if (kind === 'decline') update.decline_reason = command.reason!.trim();
      if (kind === 'reopen') {
        // A reopened request starts its SLA clocks again; the rating was
        // about the resolution that no longer stands.
        Object.assign(update, {
          opened_at: now,
          triaged_at: null,
          resolved_at: null,
          decline_reason: null,
          rating: null,
          rating_comment: null,
          rated_at: null,
        });
      }

      let merged: Awaited<ReturnType<typeof mergeDuplicate>> | undefined;
      let watchers = await activeWatchers(tx, id);
      if (kind === 'duplicate') {
        const original = await checkOriginal(
          tx,
          previous,
          command.duplicateOf!,
        );
        update.duplicate_of = original.id;
        merged = await mergeDuplicate(tx, {
          duplicate: previous,
          original,
          actor,
          at,
          weights: this.settings.priorityWeights,
        });
        update.vote_count = 0;
        update.team_count = 0;
      }

      const next = { ...previous, ...update } as RequestRow;
      update.priority_score = priorityOf(
        priorityFacts(next),
        this.settings.priorityWeights,
        at,
      ).score;
      const count = await tx('requests')
        .where({ id, version: previous.version, status: previous.status })
        .update(update);
      if (count === 0) throw stale(previous);

      const details: Record<string, unknown> = {
        from: previous.status,
        to: command.to,
      };
      if (kind === 'decline') details.reason = update.decline_reason;
      if (merged) details.duplicateOf = keyOf(merged.original.id);
      await addTimeline(
        tx,
        id,
        'status-changed',
        actor.userRef,
        now,
        command.comment?.trim() || null,
        details,
      );
      if (!merged) watchers = await activeWatchers(tx, id);
      return {
        at: now,
        previous: toStored(previous),
        request: toStored((await selectRow(tx, id))!),
        watchers,
        merged: merged && {
          ...merged,
          original: toStored(merged.original),
        },
      };
    });
  }

  async vote(key: string, actor: Actor): Promise<Change> {
    return this.changeVote(key, actor, 'voted');
  }

  async unvote(key: string, actor: Actor): Promise<Change> {
    return this.changeVote(key, actor, 'unvoted');
  }

  async comment(
    key: string,
    body: string,
    actor: Actor,
  ): Promise<Change & { comment: RequestComment }> {
    const now = (actor.at ?? new Date()).toISOString();
    return this.knex.transaction(async tx => {
      const id = idOf(key);
      const previous = await lockRow(tx, key);
      const [inserted] = await tx('comments')
        .insert({
          request_id: id,
          author: actor.userRef,
          body,
          created_at: now,
        })
        .returning('id');
      const commentId: number =
        typeof inserted === 'object' ? inserted.id : inserted;
      await tx('requests').where('id', id).update({ updated_at: now });
      await watch(tx, id, actor.userRef, now);
      await addTimeline(tx, id, 'commented', actor.userRef, now, null, {
        commentId: String(commentId),
      });
      const comment = (await tx('comments')
        .where('id', commentId)
        .first()) as CommentRow;
      return {
        at: now,
        previous: toStored(previous),
        request: toStored((await selectRow(tx, id))!),
        watchers: await activeWatchers(tx, id),
        comment: toComment(comment),
      };
    });
  }

  /** Only the requester rates, and only once the request is done. */
  async rate(
    key: string,
    rating: {
      score: number;
      comment?: string;
      permissionFilter?: PermissionCriteria<RequestFilter>;
    },
    actor: Actor,
  ): Promise<Change> {
    const now = (actor.at ?? new Date()).toISOString();
    return this.knex.transaction(async tx => {
      const id = idOf(key);
      const previous = await lockRow(tx, key);
      const guarded = tx('requests').where({
        id,
        status: 'done',
        requester: actor.userRef,
      });
      if (rating.permissionFilter) {
        applyRequestFilter(guarded, rating.permissionFilter);
      }
      const count = await guarded.update({
        rating: rating.score,
        rating_comment: rating.comment?.trim() || null,
        rated_at: now,
        updated_at: now,
        version: previous.version + 1,
      });
      if (count === 0) {
        const problem = ratingProblem(previous, actor.userRef);
        if (problem === 'not-requester') {
          throw new NotAllowedError(`only the requester of ${key} can rate it`);
        }
        await explainRefusal(
          tx,
          previous,
          { permissionFilter: rating.permissionFilter },
          'rate',
        );
        throw new ConflictError(
          `${key} is ${previous.status}; it can be rated once it is done`,
        );
      }
      await addTimeline(
        tx,
        id,
        'rated',
        actor.userRef,
        now,
        rating.comment?.trim() || null,
        { score: rating.score },
      );
      return {
        at: now,
        previous: toStored(previous),
        request: toStored((await selectRow(tx, id))!),
        watchers: await activeWatchers(tx, id),
      };
    });
  }

  /** Watching is the user's own business: no timeline, no new version. */
  async setWatching(
    key: string,
    userRef: string,
    watching: boolean,
  ): Promise<StoredRequest> {
    const now = new Date().toISOString();
    return this.knex.transaction(async tx => {
      const row = await lockRow(tx, key);
      await tx('watchers')
        .insert({
          request_id: row.id,
          user_ref: userRef,
          opted_out: !watching,
          created_at: now,
        })
        .onConflict(['request_id', 'user_ref'])
        .merge(['opted_out']);
      return toStored(row);
    });
  }

  /** Recomputes stored priority scores that drifted; returns how many. */
  async refreshPriorities(now = new Date(), batchSize = 500): Promise<number> {
    return refreshPriorities(
      this.knex,
      this.settings.priorityWeights,
      now,
      batchSize,
    );
  }

  // ---- helpers -------------------------------------------------------------

  private async mustExist(key: string) {
    const row = await this.knex('requests')
      .select('id')
      .where('id', idOf(key))
      .first();
    if (!row) throw new NotFoundError(`no request ${key}`);
  }

  private async changeVote(
    key: string,
    actor: Actor,
    type: 'voted' | 'unvoted',
  ): Promise<Change> {
    const at = actor.at ?? new Date();
    const now = at.toISOString();
    return this.knex.transaction(async tx => {
      const id = idOf(key);
      const previous = await lockRow(tx, key);
      const problem = voteProblem(previous.status);
      if (problem === 'duplicate') {
        throw new ConflictError(
          `${key} is a duplicate of ${keyOf(
            previous.duplicate_of!,
          )}; vote there`,
        );
      }
      if (problem === 'closed') {
        throw new ConflictError(
          `${key} is ${previous.status}; votes are for open requests`,
        );
      }
      const mine = { request_id: id, user_ref: actor.userRef };
      const existing = await tx('votes').where(mine).first();
      const changes = type === 'voted' ? !existing : !!existing;
      if (changes) {
        if (type === 'voted') {
          await tx('votes').insert({
            ...mine,
            team_ref: actor.team,
            created_at: now,
          });
          await watch(tx, id, actor.userRef, now);
        } else {
          await tx('votes').where(mine).delete();
        }
        const counts = await countVotes(tx, id);
        const next = { ...previous, ...counts };
        await tx('requests')
          .where('id', id)
          .update({
            ...counts,
            priority_score: priorityOf(
              priorityFacts(next),
              this.settings.priorityWeights,
              at,
            ).score,
            // A vote is activity, like a comment: "recently updated" lists
            // and the KPI collector (which reads by updated) see it.
            updated_at: now,
          });
        await addTimeline(tx, id, type, actor.userRef, now, null, {
          team: type === 'voted' ? actor.team : existing.team_ref,
          count: counts.vote_count,
        });
      }
      return {
        at: now,
        previous: toStored(previous),
        request: toStored((await selectRow(tx, id))!),
        watchers: await activeWatchers(tx, id),
      };
    });
  }
}
