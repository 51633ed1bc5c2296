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
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  isOpen,
  OPEN_STATUSES,
  PlatformRequest,
  RequestComment,
  TimelineEntry,
  transitionKind,
  transitionProblem,
} from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
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
  StoreSettings,
  TransitionCommand,
} from './RequestStore';
import { priorityOf, toViews } from './requestViews';
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
  requestColumns,
  RequestRow,
  TimelineRow,
  toIso,
} from './tables';
import { createTextSearch, TextSearch } from './textSearch';

const DAY_MS = 86_400_000;

const FIELD_COLUMNS = {
  title: 'title',
  description: 'description',
  category: 'category',
  urgency: 'urgency',
  requestingTeam: 'requesting_team',
} as const;

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

  async get(key: string): Promise<RequestRow | undefined> {
    return this.knex('requests')
      .select(requestColumns)
      .where('id', idOf(key))
      .first();
  }

  async getMany(ids: number[]): Promise<RequestRow[]> {
    if (ids.length === 0) return [];
    const rows: RequestRow[] = await this.knex('requests')
      .select(requestColumns)
      .whereIn('id', ids);
    const byId = new Map(rows.map(r => [r.id, r]));
    return ids.flatMap(id => byId.get(id) ?? []);
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
    if (rows.length <= options.limit) return { rows, nextCursor: null };
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    const { column, kind } = sortSpec(options.sort);
    const value = last[column as keyof RequestRow] as string | number | Date;
    return {
      rows: page,
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

  /** The API's model of the rows, as `viewer` sees them. */
  async views(
    rows: RequestRow[],
    viewer: string | undefined,
  ): Promise<PlatformRequest[]> {
    return toViews(this.knex, rows, viewer, this.settings);
  }

  /** Decodes a client's cursor for `list`; a bad one is a 400. */
  parseCursor(raw: string, sort: Sort) {
    return decodeCursor(raw, sort);
  }

  /** Every matching row, in pages, up to `max` (for exports). */
  async *listAll(
    filters: ListFilters & { sort: Sort },
    viewer: string | undefined,
    max: number,
  ): AsyncGenerator<RequestRow[]> {
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

  async similar(title: string, limit: number): Promise<RequestRow[]> {
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
  ): Promise<RequestRow> {
    const at = new Date();
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
          priority_score: priorityOf(row, this.settings.priorityWeights, at)
            .score,
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
      return (await selectRow(tx, id))!;
    });
  }

  async edit(key: string, command: EditCommand, actor: Actor): Promise<Change> {
    const at = new Date();
    const now = at.toISOString();
    return this.knex.transaction(async tx => {
      const id = idOf(key);
      const previous = await lockRow(tx, key);
      const { fields } = command;

      const update: Record<string, unknown> = {};
      const from: Record<string, unknown> = {};
      const to: Record<string, unknown> = {};
      const changed: string[] = [];
      for (const [field, column] of Object.entries(FIELD_COLUMNS)) {
        const value = fields[field as keyof typeof FIELD_COLUMNS];
        if (value !== undefined && value !== previous[column]) {
          update[column] = value;
          changed.push(field);
          // Long texts are not copied into the timeline, only named.
          if (field !== 'description') {
            from[field] = previous[column];
            to[field] = value;
          }
        }
      }
      if (
        fields.impact &&
        (fields.impact.peopleAffected !== previous.people_affected ||
          fields.impact.hoursLostPerWeek !== previous.hours_lost_per_week)
      ) {
        update.people_affected = fields.impact.peopleAffected;
        update.hours_lost_per_week = fields.impact.hoursLostPerWeek;
        changed.push('impact');
        from.impact = {
          peopleAffected: previous.people_affected,
          hoursLostPerWeek: previous.hours_lost_per_week,
        };
        to.impact = fields.impact;
      }
      if (fields.tags && JSON.stringify(fields.tags) !== previous.tags) {
        update.tags = JSON.stringify(fields.tags);
        changed.push('tags');
        from.tags = JSON.parse(previous.tags);
        to.tags = fields.tags;
      }
      if (fields.relatedEntities) {
        const current = await entitiesOf(tx, id);
        const next = [...fields.relatedEntities].sort();
        if (current.join('\n') !== next.join('\n')) {
          changed.push('relatedEntities');
          from.relatedEntities = current;
          to.relatedEntities = next;
        }
      }
      const assigneeChanged =
        command.assignee !== undefined &&
        command.assignee !== previous.assignee;
      if (assigneeChanged) update.assignee = command.assignee;

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
          await this.explainRefusal(tx, previous, command, 'edit');
        }
        return {
          at: now,
          previous,
          request: previous,
          watchers: [],
          fields: [],
        };
      }
      const next = { ...previous, ...update } as RequestRow;
      const count = await guarded.update({
        ...update,
        priority_score: priorityOf(next, this.settings.priorityWeights, at)
          .score,
        updated_at: now,
        version: previous.version + 1,
      });
      if (count === 0) {
        await this.explainRefusal(tx, previous, command, 'edit');
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
        previous,
        request: (await selectRow(tx, id))!,
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
    const at = new Date();
    const now = at.toISOString();
    return this.knex.transaction(async tx => {
      const id = idOf(key);
      if (command.to === 'duplicate' && command.duplicateOf) {
        // The original is locked too (checkOriginal): both in id order.
        await lockRowsInOrder(tx, [id, idOf(command.duplicateOf)]);
      }
      const previous = await lockRow(tx, key);

      if (command.requesterReopen) {
        await this.checkRequesterReopen(tx, previous, command, at);
      }
      if (
        command.expectedVersion !== undefined &&
        command.expectedVersion !== previous.version
      ) {
        throw stale(previous);
      }
      const problem = transitionProblem(previous.status, command);
      if (problem) {
        throw problem.status === 409
          ? new ConflictError(problem.message)
          : new InputError(problem.message);
      }
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

      let merged: Change['merged'];
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
        next,
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
        previous,
        request: (await selectRow(tx, id))!,
        watchers,
        merged,
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
    const now = new Date().toISOString();
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
        previous,
        request: (await selectRow(tx, id))!,
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
    const now = new Date().toISOString();
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
        if (previous.requester !== actor.userRef) {
          throw new NotAllowedError(`only the requester of ${key} can rate it`);
        }
        await this.explainRefusal(
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
        previous,
        request: (await selectRow(tx, id))!,
        watchers: await activeWatchers(tx, id),
      };
    });
  }

  /** Watching is the user's own business: no timeline, no new version. */
  async setWatching(
    key: string,
    userRef: string,
    watching: boolean,
  ): Promise<RequestRow> {
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
      return row;
    });
  }

  /**
   * Recomputes the stored priority score of every request whose score has
   * drifted (age grows daily; weights may have changed in config).
   */
  /**
   * Recomputes the stored scores as requests age. Works through the table in
   * pages of `batchSize` by id, each written in its own short transaction, so
   * neither the rows in memory nor the locks grow with the table (100,000
   * requests used to mean one transaction over all of them). Scores need
   * `computePriority`, which lives in the common package, so they are
   * computed here rather than in SQL; only changed scores are written.
   */
  async refreshPriorities(now = new Date(), batchSize = 500): Promise<number> {
    let updated = 0;
    let afterId = 0;
    for (;;) {
      const rows: RequestRow[] = await this.knex('requests')
        .select(
          'id',
          'vote_count',
          'team_count',
          'hours_lost_per_week',
          'urgency',
          'created_at',
          'resolved_at',
          'priority_score',
        )
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(batchSize);
      if (rows.length === 0) return updated;
      afterId = rows[rows.length - 1].id;
      const changed = rows
        .map(row => ({
          id: row.id,
          old: row.priority_score,
          score: priorityOf(row, this.settings.priorityWeights, now).score,
        }))
        .filter(c => c.score !== c.old);
      if (changed.length) {
        await this.knex.transaction(async tx => {
          for (const c of changed) {
            await tx('requests')
              .where('id', c.id)
              .update({ priority_score: c.score });
          }
        });
        updated += changed.length;
      }
    }
  }

  // ---- helpers -------------------------------------------------------------

  private async mustExist(key: string) {
    const row = await this.knex('requests')
      .select('id')
      .where('id', idOf(key))
      .first();
    if (!row) throw new NotFoundError(`no request ${key}`);
  }

  /** Says why a guarded UPDATE matched no row, most fundamental first. */
  private async explainRefusal(
    tx: Knex.Transaction,
    row: RequestRow,
    command: Partial<EditCommand>,
    action: 'edit' | 'rate',
  ): Promise<void> {
    const key = keyOf(row.id);
    if (command.permissionFilter) {
      const allowed = tx('requests').select('id').where('id', row.id);
      applyRequestFilter(allowed, command.permissionFilter);
      if (!(await allowed.first())) {
        throw new NotAllowedError(
          `only the requester or the platform team can ${action} ${key}`,
        );
      }
    }
    if (
      command.expectedVersion !== undefined &&
      command.expectedVersion !== row.version
    ) {
      throw stale(row);
    }
    if (command.onlyWhileNew && row.status !== 'new') {
      throw new ConflictError(
        `${key} is ${row.status}; its requester can edit it only while it is new`,
      );
    }
    if (action === 'edit') throw stale(row);
  }

  private async checkRequesterReopen(
    tx: Knex.Transaction,
    row: RequestRow,
    command: TransitionCommand,
    at: Date,
  ) {
    const { permissionFilter, windowDays } = command.requesterReopen!;
    const key = keyOf(row.id);
    const allowed = tx('requests').select('id').where('id', row.id);
    if (permissionFilter) applyRequestFilter(allowed, permissionFilter);
    if (!(await allowed.first())) {
      throw new NotAllowedError(
        `only the requester or the platform team can reopen ${key}`,
      );
    }
    const since = new Date(at.getTime() - windowDays * DAY_MS);
    if (row.resolved_at && new Date(row.resolved_at) < since) {
      throw new NotAllowedError(
        `${key} was closed more than ${windowDays} days ago; ask the platform team to reopen it`,
      );
    }
  }

  private async changeVote(
    key: string,
    actor: Actor,
    type: 'voted' | 'unvoted',
  ): Promise<Change> {
    const at = new Date();
    const now = at.toISOString();
    return this.knex.transaction(async tx => {
      const id = idOf(key);
      const previous = await lockRow(tx, key);
      if (previous.status === 'duplicate') {
        throw new ConflictError(
          `${key} is a duplicate of ${keyOf(
            previous.duplicate_of!,
          )}; vote there`,
        );
      }
      if (!OPEN_STATUSES.includes(previous.status)) {
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
            priority_score: priorityOf(next, this.settings.priorityWeights, at)
              .score,
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
        previous,
        request: (await selectRow(tx, id))!,
        watchers: await activeWatchers(tx, id),
      };
    });
  }
}
