/*
 * What the routes call: checks that need config or the catalog (categories,
 * teams, platform-team membership), runs the change in the store, then tells
 * the world (events, notifications) and answers with the API's model. The
 * router has already parsed the input and decided permissions.
 */
import { BackstageUserInfo } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  AddressedBy,
  CreateRequest,
  isolate,
  PlatformRequest,
  RequestComment,
  RequestList,
  REQUEST_NOTIFICATION_TOPICS,
  statusInSentence,
  TimelineEntry,
  TransitionRequest,
  UpdateRequest,
  URGENCIES,
} from '@internal/plugin-platform-requests-common';
import { PlatformRequestsConfig } from '../config';
import { decodeCursor, Sort } from '../database/cursor';
import {
  Actor,
  Change,
  RequestStore,
  StoredRequest,
} from '../database/RequestStore';
import { ListFilters } from '../database/listQuery';
import { slaOf } from '../database/requestViews';
import { keyOf } from '../database/tables';
import { RequestFilter } from '../permissions/resource';
import {
  eventPayload,
  REQUEST_TOPICS,
  RequestNotifier,
} from './RequestNotifier';
import { TeamDirectory } from './TeamDirectory';
import { toViews } from './requestViews';

/** undefined for service principals, which read but do not act. */
export type Viewer = string | undefined;

type Filter = PermissionCriteria<RequestFilter>;

export class RequestService {
  constructor(
    private readonly store: RequestStore,
    private readonly teams: TeamDirectory,
    private readonly notifier: RequestNotifier,
    private readonly config: PlatformRequestsConfig,
    /** The improvements answering a request, for its detail. */
    private readonly improvements?: {
      addressing(key: string): Promise<AddressedBy[]>;
    },
  ) {}

  /** What the UI needs to build its forms and badges. */
  publicConfig() {
    return {
      categories: this.config.categories,
      urgencies: URGENCIES,
      sla: this.config.sla,
      priorityWeights: this.config.priorityWeights,
      reopenWindowDays: this.config.reopenWindowDays,
      platformTeam: this.config.platformTeam,
    };
  }

  async list(
    options: ListFilters & { sort: Sort; cursor?: string; limit: number },
    viewer: Viewer,
  ): Promise<RequestList> {
    this.checkCategoryFilter(options.category);
    const cursor = options.cursor
      ? decodeCursor(options.cursor, options.sort)
      : undefined;
    const now = new Date();
    const [page, total] = await Promise.all([
      this.store.list({ ...options, cursor }, viewer, now),
      this.store.count(options, viewer, now),
    ]);
    return {
      items: await this.views(page.rows, viewer),
      nextCursor: page.nextCursor,
      total,
    };
  }

  /** Pages of every matching request, for the CSV export. */
  async *exportPages(
    filters: ListFilters & { sort: Sort },
    viewer: Viewer,
    max: number,
  ): AsyncGenerator<PlatformRequest[]> {
    this.checkCategoryFilter(filters.category);
    for await (const rows of this.store.listAll(filters, viewer, max)) {
      yield await this.views(rows, viewer);
    }
  }

  async get(key: string, viewer: Viewer): Promise<PlatformRequest> {
    const row = await this.store.get(key);
    if (!row) throw new NotFoundError(`no request ${key}`);
    const [view] = await this.views([row], viewer);
    if (!this.improvements) return view;
    return { ...view, addressedBy: await this.improvements.addressing(key) };
  }

  async suggestions(
    title: string,
    limit: number,
    viewer: Viewer,
  ): Promise<PlatformRequest[]> {
    return this.views(await this.store.similar(title, limit), viewer);
  }

  async timeline(key: string): Promise<TimelineEntry[]> {
    return this.store.timeline(key);
  }

  async comments(key: string): Promise<RequestComment[]> {
    return this.store.comments(key);
  }

  /**
   * Files a request. With an Idempotency-Key, the same key and input again
   * (a client retrying after a lost answer) gives back the request already
   * filed, `replayed`, instead of a second one; the same key with other
   * input is a 409.
   */
  async create(
    input: CreateRequest,
    user: BackstageUserInfo,
    idempotencyKey?: string,
    at?: Date,
  ): Promise<{ request: PlatformRequest; replayed: boolean }> {
    const idempotency = idempotencyKey
      ? { key: idempotencyKey, hash: inputHash(input) }
      : undefined;
    const replay = async () => {
      if (!idempotency) return undefined;
      const prior = await this.store.findByIdempotencyKey(
        user.userEntityRef,
        idempotency.key,
      );
      if (!prior) return undefined;
      if (prior.hash !== idempotency.hash) {
        throw new ConflictError(
          `Idempotency-Key: already used for ${keyOf(
            prior.id,
          )} with different content; use a new key for a new request`,
        );
      }
      return {
        request: await this.get(keyOf(prior.id), user.userEntityRef),
        replayed: true,
      };
    };
    const earlier = await replay();
    if (earlier) return earlier;

    this.checkCategory(input.category);
    const requestingTeam = input.requestingTeam
      ? await this.checkTeam(input.requestingTeam)
      : await this.teams.teamOf(user);
    if (!requestingTeam) {
      throw new InputError(
        'requestingTeam: you belong to no team in the catalog; name the requesting team',
      );
    }
    let row: StoredRequest;
    try {
      row = await this.store.createRequest(
        { ...input, requestingTeam, ...unique(input) },
        { userRef: user.userEntityRef, team: null, at },
        idempotency,
      );
    } catch (error) {
      // The same key raced in at the same moment: the winner's request.
      const raced = isUniqueViolation(error) ? await replay() : undefined;
      if (raced) return raced;
      throw error;
    }
    await this.notifier.publish(
      REQUEST_TOPICS.created,
      eventPayload(row, user.userEntityRef, row.createdAt, {
        to: 'new',
      }),
    );
    return {
      request: await this.get(keyOf(row.id), user.userEntityRef),
      replayed: false,
    };
  }

  async edit(
    key: string,
    input: UpdateRequest,
    options: {
      expectedVersion: number;
      permissionFilter?: Filter;
      onlyWhileNew: boolean;
    },
    user: BackstageUserInfo,
    at?: Date,
  ): Promise<PlatformRequest> {
    const { assignee, ...fields } = input;
    if (fields.category !== undefined) this.checkCategory(fields.category);
    if (fields.requestingTeam !== undefined) {
      await this.checkTeam(fields.requestingTeam);
    }
    if (assignee) await this.checkAssignee(assignee);
    const change = await this.store.edit(
      key,
      { ...options, fields: { ...fields, ...unique(fields) }, assignee },
      actorOf(user, at),
    );
    const changedFields = change.fields ?? [];
    if (changedFields.length) {
      await this.notifier.publish(
        REQUEST_TOPICS.updated,
        eventPayload(change.request, user.userEntityRef, change.at, {
          fields: changedFields,
          ...(changedFields.includes('assignee')
            ? {
                assignee: {
                  from: change.previous.assignee,
                  to: change.request.assignee,
                },
              }
            : {}),
        }),
      );
    }
    return this.get(key, user.userEntityRef);
  }

  async transition(
    key: string,
    input: TransitionRequest,
    options: {
      expectedVersion?: number;
      requesterReopen?: { permissionFilter?: Filter };
    },
    user: BackstageUserInfo,
    at?: Date,
  ): Promise<PlatformRequest> {
    const change = await this.store.transition(
      key,
      {
        ...input,
        expectedVersion: options.expectedVersion,
        requesterReopen: options.requesterReopen && {
          ...options.requesterReopen,
          windowDays: this.config.reopenWindowDays,
        },
      },
      actorOf(user, at),
    );
    await this.announceTransition(change, input, user.userEntityRef);
    return this.get(key, user.userEntityRef);
  }

  async vote(
    key: string,
    user: BackstageUserInfo,
    add: boolean,
    at?: Date,
  ): Promise<PlatformRequest> {
    const actor: Actor = { userRef: user.userEntityRef, team: null, at };
    if (add) actor.team = await this.teams.teamOf(user);
    const change = add
      ? await this.store.vote(key, actor)
      : await this.store.unvote(key, actor);
    if (change.request.voteCount !== change.previous.voteCount) {
      await this.notifier.publish(
        REQUEST_TOPICS.voted,
        eventPayload(change.request, actor.userRef, change.at, {
          vote: add ? 'added' : 'removed',
          voterTeam: actor.team,
          votes: change.request.voteCount,
          teams: change.request.teamCount,
        }),
      );
    }
    return this.get(key, user.userEntityRef);
  }

  async comment(
    key: string,
    body: string,
    user: BackstageUserInfo,
    at?: Date,
  ): Promise<RequestComment> {
    const change = await this.store.comment(key, body, actorOf(user, at));
    const { request, comment } = change;
    await this.notifier.publish(
      REQUEST_TOPICS.commented,
      eventPayload(request, user.userEntityRef, change.at, {
        commentId: comment.id,
      }),
    );
    await this.notifier.notifyWatchers({
      key,
      watchers: change.watchers,
      actor: user.userEntityRef,
      title: `New comment on ${key}: ${request.title}`,
      description: `${user.userEntityRef}: ${excerpt(comment.body)}`,
      topic: REQUEST_NOTIFICATION_TOPICS.comment,
    });
    return comment;
  }

  async rate(
    key: string,
    rating: { score: number; comment?: string },
    permissionFilter: Filter | undefined,
    user: BackstageUserInfo,
    at?: Date,
  ): Promise<PlatformRequest> {
    const change = await this.store.rate(
      key,
      { ...rating, permissionFilter },
      actorOf(user, at),
    );
    await this.notifier.publish(
      REQUEST_TOPICS.rated,
      eventPayload(change.request, user.userEntityRef, change.at, {
        score: rating.score,
        resolvedAt: change.request.resolvedAt,
      }),
    );
    return this.get(key, user.userEntityRef);
  }

  async setWatching(
    key: string,
    user: BackstageUserInfo,
    watching: boolean,
  ): Promise<PlatformRequest> {
    await this.store.setWatching(key, user.userEntityRef, watching);
    return this.get(key, user.userEntityRef);
  }

  private async announceTransition(
    change: Change,
    input: TransitionRequest,
    actor: string,
  ) {
    const { previous, request, merged } = change;
    const key = keyOf(request.id);
    await this.notifier.publish(
      REQUEST_TOPICS.statusChanged,
      eventPayload(request, actor, change.at, {
        from: previous.status,
        to: request.status,
        openedAt: request.openedAt,
        triagedAt: request.triagedAt,
        resolvedAt: request.resolvedAt,
        // SLA compliance per urgency, as the clocks stood at the change.
        sla: slaBreaches(slaOf(request, this.config.sla, new Date(change.at))),
        ...(request.declineReason ? { reason: request.declineReason } : {}),
        ...(merged ? { duplicateOf: keyOf(merged.original.id) } : {}),
      }),
    );
    if (merged) {
      await this.notifier.publish(
        REQUEST_TOPICS.updated,
        eventPayload(merged.original, actor, change.at, {
          fields: ['votes', 'watchers'],
          mergedFrom: key,
          votesMoved: merged.votesMoved,
          watchersMoved: merged.watchersMoved,
        }),
      );
    }
    const what =
      request.status === 'duplicate' && merged
        ? `${key} was marked a duplicate of ${keyOf(merged.original.id)}`
        : `${key} is now ${statusInSentence(request.status)}`;
    const why = request.declineReason ?? input.comment?.trim();
    // The title is the email's subject: it names the request too, last, so
    // a right-to-left override in it reaches no other words. In the
    // description the user's words are followed by more: isolated.
    await this.notifier.notifyWatchers({
      key,
      watchers: change.watchers,
      actor,
      title: `${what}: ${request.title}`,
      description: why
        ? `${isolate(request.title)} — ${isolate(excerpt(why))} (${actor})`
        : `${isolate(request.title)} (changed by ${actor})`,
      topic: REQUEST_NOTIFICATION_TOPICS.status,
    });
  }

  private checkCategory(category: string) {
    if (!this.config.categories.some(c => c.id === category)) {
      throw new InputError(
        `category: must be one of ${this.config.categories
          .map(c => c.id)
          .join(', ')}`,
      );
    }
  }

  /** Filters come from allow-lists; categories from config. */
  private checkCategoryFilter(categories: string[] | undefined) {
    const unknown = categories?.find(
      id => !this.config.categories.some(c => c.id === id),
    );
    if (unknown !== undefined) {
      throw new InputError(`category: there is no category ${unknown}`);
    }
  }

  private async checkTeam(ref: string): Promise<string> {
    if (!(await this.teams.isGroup(ref))) {
      throw new InputError(
        `requestingTeam: ${ref} is not a Group in the catalog`,
      );
    }
    return ref;
  }

  private async checkAssignee(ref: string) {
    if (!(await this.teams.isPlatformTeamMember(ref))) {
      throw new InputError(
        `assignee: ${ref} is not a member of ${this.teams.platformTeam}`,
      );
    }
  }

  private async views(rows: StoredRequest[], viewer: Viewer) {
    const participation = await this.store.participation(
      rows.map(r => r.id),
      viewer,
    );
    return toViews(rows, participation, this.config);
  }
}

/** `at`: when the write happens, if not now (the demo seeder's backdating). */
function actorOf(user: BackstageUserInfo, at?: Date): Actor {
  return { userRef: user.userEntityRef, team: null, at };
}

/** Repeated tags or entities are one. */
function unique(input: { tags?: string[]; relatedEntities?: string[] }) {
  return {
    ...(input.tags ? { tags: [...new Set(input.tags)] } : {}),
    ...(input.relatedEntities
      ? { relatedEntities: [...new Set(input.relatedEntities)] }
      : {}),
  };
}

/** SLA compliance as the clocks stood at a change, for status-changed events. */
export function slaBreaches(sla: ReturnType<typeof slaOf>) {
  return {
    triage: {
      targetHours: sla.triage.targetHours,
      breached: sla.triage.breached,
    },
    resolve: {
      targetHours: sla.resolve.targetHours,
      breached: sla.resolve.breached,
    },
  };
}

function excerpt(text: string, max = 280): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What a retry must repeat exactly: the parsed input, in schema order. */
function inputHash(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/** PostgreSQL's and SQLite's unique-constraint violations. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
