/*
 * The API's model of a request (PlatformRequest), as a viewer sees it: the
 * stored request, who takes part in it (from the store, one query each per
 * page) and its priority and SLA clocks as of now.
 */
import { PlatformRequest } from '@internal/plugin-platform-requests-common';
import { StoredRequest } from '../database/RequestStore';
import {
  Participation,
  priorityOf,
  slaOf,
  ViewSettings,
} from '../database/requestViews';

export function toViews(
  rows: StoredRequest[],
  participation: Map<number, Participation>,
  settings: ViewSettings,
  now: Date = new Date(),
): PlatformRequest[] {
  return rows.map(row => {
    const p = participation.get(row.id);
    return {
      key: row.key,
      title: row.title,
      description: row.description,
      category: row.category,
      urgency: row.urgency,
      impact: row.impact,
      requestingTeam: row.requestingTeam,
      relatedEntities: p?.relatedEntities ?? [],
      tags: row.tags,
      status: row.status,
      requester: row.requester,
      assignee: row.assignee,
      duplicateOf: row.duplicateOf,
      declineReason: row.declineReason,
      priority: priorityOf(
        { ...row, hoursLostPerWeek: row.impact.hoursLostPerWeek },
        settings.priorityWeights,
        now,
      ),
      votes: {
        count: row.voteCount,
        teams: row.teamCount,
        byTeam: p?.byTeam ?? [],
        mine: p?.mine ?? false,
      },
      watchers: { count: p?.watchers ?? 0, watching: p?.watching ?? false },
      rating:
        row.rating === null
          ? null
          : { score: row.rating, comment: row.ratingComment },
      sla: slaOf(row, settings.sla, now),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
    };
  });
}
