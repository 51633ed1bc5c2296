/*
 * What the API's view of a request needs beyond the request itself: votes
 * by team, watchers, related entities and "mine"/"watching" for the viewer,
 * from batched queries (one each per page, not per row); and the priority
 * and SLA clocks, computed from the configured weights and targets (the
 * store keeps the score for sorting, the view shows its parts).
 */
import {
  computePriority,
  Priority,
  PriorityWeights,
  SlaTargets,
  slaClock,
  Urgency,
} from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import type { StoredRequest } from './RequestStore';
import { toDate, toNumber } from './tables';

export type ViewSettings = {
  priorityWeights: PriorityWeights;
  sla: SlaTargets;
};

const DAY_MS = 86_400_000;

/** What a request's priority depends on; times as stored or ISO. */
export type PriorityFacts = {
  voteCount: number;
  teamCount: number;
  hoursLostPerWeek: number;
  urgency: Urgency;
  createdAt: string | Date;
  resolvedAt: string | Date | null;
};

/** Age stops at resolution, so closed requests do not climb forever. */
export function priorityOf(
  facts: PriorityFacts,
  weights: PriorityWeights,
  now: Date,
): Priority {
  const end = facts.resolvedAt ? toDate(facts.resolvedAt) : now;
  const ageDays = Math.max(
    0,
    (end.getTime() - toDate(facts.createdAt).getTime()) / DAY_MS,
  );
  return computePriority(
    {
      votes: facts.voteCount,
      teams: facts.teamCount,
      hoursLostPerWeek: facts.hoursLostPerWeek,
      urgency: facts.urgency,
      ageDays: Math.round(ageDays * 10) / 10,
    },
    weights,
  );
}

export function slaOf(
  request: Pick<
    StoredRequest,
    'urgency' | 'openedAt' | 'triagedAt' | 'resolvedAt'
  >,
  targets: SlaTargets,
  now: Date,
) {
  const target = targets[request.urgency];
  const openedAt = toDate(request.openedAt);
  return {
    triage: slaClock(
      openedAt,
      target.triageHours,
      toDate(request.triagedAt),
      now,
    ),
    resolve: slaClock(
      openedAt,
      target.resolveHours,
      toDate(request.resolvedAt),
      now,
    ),
  };
}

function groupBy<T>(items: T[], key: (item: T) => number) {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const list = map.get(key(item)) ?? [];
    list.push(item);
    map.set(key(item), list);
  }
  return map;
}

/** Who takes part in each request, for the API's view of it. */
export type Participation = {
  /** Votes per requesting team, most first. */
  byTeam: Array<{ team: string; count: number }>;
  /** Whether the viewer voted. */
  mine: boolean;
  watchers: number;
  /** Whether the viewer watches it. */
  watching: boolean;
  relatedEntities: string[];
};

/**
 * Votes by team, watchers, related entities and the viewer's own vote and
 * watch, for a page of requests: one query each, not one per request.
 */
export async function participationOf(
  knex: Knex,
  ids: number[],
  viewer: string | undefined,
): Promise<Map<number, Participation>> {
  const facts = new Map<number, Participation>();
  if (ids.length === 0) return facts;

  const [teamVotes, myVotes, watcherCounts, myWatches, entities] =
    await Promise.all([
      knex('votes')
        .select('request_id', 'team_ref')
        .count({ count: '*' })
        .whereIn('request_id', ids)
        .whereNotNull('team_ref')
        .groupBy('request_id', 'team_ref') as Promise<
        Array<{ request_id: number; team_ref: string; count: unknown }>
      >,
      viewer
        ? knex('votes')
            .select('request_id')
            .whereIn('request_id', ids)
            .where('user_ref', viewer)
        : [],
      knex('watchers')
        .select('request_id')
        .count({ count: '*' })
        .whereIn('request_id', ids)
        .where('opted_out', false)
        .groupBy('request_id') as Promise<
        Array<{ request_id: number; count: unknown }>
      >,
      viewer
        ? knex('watchers')
            .select('request_id')
            .whereIn('request_id', ids)
            .where({ user_ref: viewer, opted_out: false })
        : [],
      knex('request_entities')
        .select('request_id', 'entity_ref')
        .whereIn('request_id', ids)
        .orderBy('entity_ref'),
    ]);

  const byTeam = groupBy(teamVotes, r => r.request_id);
  const mine = new Set(myVotes.map(r => r.request_id));
  const watchers = new Map(
    watcherCounts.map(r => [r.request_id, toNumber(r.count)]),
  );
  const watching = new Set(myWatches.map(r => r.request_id));
  const related = groupBy(entities, r => r.request_id);

  for (const id of ids) {
    facts.set(id, {
      byTeam: (byTeam.get(id) ?? [])
        .map(r => ({ team: r.team_ref, count: toNumber(r.count) }))
        .sort((a, b) => b.count - a.count || a.team.localeCompare(b.team)),
      mine: mine.has(id),
      watchers: watchers.get(id) ?? 0,
      watching: watching.has(id),
      relatedEntities: (related.get(id) ?? []).map(r => r.entity_ref),
    });
  }
  return facts;
}
