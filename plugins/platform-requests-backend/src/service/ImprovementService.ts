/*
 * What the improvement routes call: checks that need the KPI list or the
 * catalog (target KPIs, scope teams, the owner), the change in the store,
 * and after a ship has committed, what the world hears of it: a
 * status-changed event per resolved request (the KPI plugin's intake flow
 * counts them like any other resolution) and notifications to the people
 * who asked — the requester to rate the resolution, voters and watchers
 * that it shipped.
 */
import { InputError } from '@backstage/errors';
import {
  IMPACT_KPIS,
  isImpactKpiId,
} from '@internal/plugin-platform-kpis-common';
import {
  AddressedBy,
  CreateImprovement,
  Effort,
  EffortQuery,
  Improvement,
  ImprovementListQuery,
  ImprovementTransition,
  isolate,
  REQUEST_NOTIFICATION_TOPICS,
  UpdateImprovement,
} from '@internal/plugin-platform-requests-common';
import { NotFoundError } from '@backstage/errors';
import { PlatformRequestsConfig } from '../config';
import {
  ImprovementStore,
  ResolvedRequest,
} from '../database/ImprovementStore';
import { slaOf } from '../database/requestViews';
import {
  eventPayload,
  REQUEST_TOPICS,
  RequestNotifier,
} from './RequestNotifier';
import { TeamDirectory } from './TeamDirectory';
import { slaBreaches } from './RequestService';

/** The improvement's page, relative to app.baseUrl. */
export function improvementLink(key: string): string {
  return `/improvements/${key}`;
}

export class ImprovementService {
  constructor(
    private readonly store: ImprovementStore,
    private readonly teams: TeamDirectory,
    private readonly notifier: RequestNotifier,
    private readonly config: PlatformRequestsConfig,
  ) {}

  list(query: ImprovementListQuery): Promise<{ items: Improvement[] }> {
    return this.store.list(query).then(items => ({ items }));
  }

  effort(query: EffortQuery, at: Date): Promise<Effort> {
    return this.store.effort(query, at);
  }

  async get(key: string): Promise<Improvement> {
    const improvement = await this.store.get(key);
    if (!improvement) throw new NotFoundError(`no improvement ${key}`);
    return improvement;
  }

  addressing(requestKey: string): Promise<AddressedBy[]> {
    return this.store.addressing(requestKey);
  }

  async create(
    input: CreateImprovement,
    actor: string,
    at: Date,
  ): Promise<Improvement> {
    await this.check(input);
    return this.store.create(input, actor, at);
  }

  async edit(
    key: string,
    fields: UpdateImprovement,
    expectedVersion: number,
    actor: string,
    at: Date,
  ): Promise<Improvement> {
    await this.check(fields);
    return this.store.edit(key, { fields, expectedVersion }, actor, at);
  }

  transition(
    key: string,
    input: ImprovementTransition,
    expectedVersion: number | undefined,
    actor: string,
    at: Date,
  ): Promise<Improvement> {
    return this.store.transition(key, { ...input, expectedVersion }, actor, at);
  }

  async ship(
    key: string,
    options: { comment?: string; expectedVersion?: number },
    actor: string,
    at: Date,
  ): Promise<Improvement> {
    const current = await this.get(key);
    const { improvement, resolved } = await this.store.ship(
      key,
      {
        expectedVersion: options.expectedVersion,
        comment: shipComment(current, options.comment),
      },
      actor,
      at,
    );
    for (const r of resolved) await this.announce(r, improvement, actor);
    return improvement;
  }

  private async announce(
    { previous, request, watchers, voters }: ResolvedRequest,
    improvement: Improvement,
    actor: string,
  ) {
    const at = request.resolvedAt!;
    await this.notifier.publish(
      REQUEST_TOPICS.statusChanged,
      eventPayload(request, actor, at, {
        from: previous.status,
        to: request.status,
        openedAt: request.openedAt,
        triagedAt: request.triagedAt,
        resolvedAt: request.resolvedAt,
        sla: slaBreaches(slaOf(request, this.config.sla, new Date(at))),
        improvement: improvement.id,
      }),
    );
    const what = `${request.key} was resolved by ${improvement.id}`;
    await this.notifier.notifyWatchers({
      key: request.key,
      watchers: [request.requester],
      actor,
      title: `${what}, please rate it: ${request.title}`,
      description: `${isolate(
        improvement.title,
      )} shipped. How well did it solve ${isolate(
        request.title,
      )}? Rate it on the request's page.`,
      topic: REQUEST_NOTIFICATION_TOPICS.shipped,
    });
    const others = [...new Set([...watchers, ...voters])].filter(
      u => u !== request.requester,
    );
    await this.notifier.notifyWatchers({
      key: request.key,
      watchers: others,
      actor,
      title: `${what}: ${request.title}`,
      description: `${isolate(
        improvement.title,
      )} shipped. Tell the platform team in a comment how well it helped.`,
      topic: REQUEST_NOTIFICATION_TOPICS.shipped,
    });
  }

  /** Target KPIs from the KPI plugin's list, teams and owner from the catalog. */
  private async check(input: {
    targetKpis?: string[];
    scope?: { teams: string[] };
    owner?: string | null;
  }) {
    input.targetKpis?.forEach((kpi, i) => {
      if (!isImpactKpiId(kpi)) {
        throw new InputError(
          `targetKpis.${i}: ${kpi} is not a KPI an improvement can target; use one of ${IMPACT_KPIS.join(
            ', ',
          )} or survey:<surveyId>:<questionId>`,
        );
      }
    });
    for (const [i, team] of (input.scope?.teams ?? []).entries()) {
      if (!(await this.teams.isGroup(team))) {
        throw new InputError(
          `scope.teams.${i}: ${team} is not a Group in the catalog`,
        );
      }
    }
    if (input.owner && !(await this.teams.isPlatformTeamMember(input.owner))) {
      throw new InputError(
        `owner: ${input.owner} is not a member of ${this.teams.platformTeam}`,
      );
    }
  }
}

/** The comment left on each request an improvement resolves (Markdown). */
function shipComment(improvement: Improvement, note?: string): string {
  const title = improvement.title.replace(/[[\]\\]/g, m => `\\${m}`);
  const link = `[${improvement.id}: ${title}](${improvementLink(
    improvement.id,
  )})`;
  const extra = note?.trim() ? `\n\n${note.trim()}` : '';
  return `Resolved by the improvement ${link}, which has shipped.${extra}`;
}
