/*
 * Row shapes of the improvement tables and their conversion to the API's
 * Improvement, with the linked requests and their roll-up read in one
 * batched query per table (not per improvement).
 */
import {
  Improvement,
  ImprovementStatus,
  LinkedRequest,
  RequestStatus,
} from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import { keyOf as requestKeyOf, toIso } from './tables';

export type ImprovementRow = {
  id: number;
  title: string;
  problem: string;
  /** JSON array. */
  target_kpis: string;
  status: ImprovementStatus;
  drop_reason: string | null;
  planned_for: string | null;
  shipped_at: string | Date | null;
  owner: string | null;
  created_by: string;
  created_at: string | Date;
  updated_at: string | Date;
  version: number;
};

export function improvementKeyOf(id: number): string {
  return `IMP-${id}`;
}

/** IMP-3 → 3. The key has been validated by improvementKeySchema. */
export function improvementIdOf(key: string): number {
  return Number(key.slice('IMP-'.length));
}

type LinkRow = {
  improvement_id: number;
  id: number;
  title: string;
  status: RequestStatus;
  requesting_team: string;
  vote_count: number;
  hours_lost_per_week: number;
};

type ScopeRow = {
  improvement_id: number;
  kind: 'team' | 'entity';
  entity_ref: string;
};

function group<T extends { improvement_id: number }>(rows: T[]) {
  const byId = new Map<number, T[]>();
  for (const row of rows) {
    byId.set(row.improvement_id, [
      ...(byId.get(row.improvement_id) ?? []),
      row,
    ]);
  }
  return byId;
}

/** The rows as the API shows them, each with its requests and roll-up. */
export async function toImprovements(
  db: Knex | Knex.Transaction,
  rows: ImprovementRow[],
): Promise<Improvement[]> {
  if (rows.length === 0) return [];
  const ids = rows.map(r => r.id);
  const links: LinkRow[] = await db('improvement_requests')
    .join('requests', 'requests.id', 'improvement_requests.request_id')
    .select(
      'improvement_requests.improvement_id',
      'requests.id',
      'requests.title',
      'requests.status',
      'requests.requesting_team',
      'requests.vote_count',
      'requests.hours_lost_per_week',
    )
    .whereIn('improvement_requests.improvement_id', ids)
    .orderBy('requests.id');
  const scope: ScopeRow[] = await db('improvement_scope')
    .select('improvement_id', 'kind', 'entity_ref')
    .whereIn('improvement_id', ids)
    .orderBy('entity_ref');
  const linksOf = group(links);
  const scopeOf = group(scope);

  return rows.map(row => {
    const requests: LinkedRequest[] = (linksOf.get(row.id) ?? []).map(l => ({
      key: requestKeyOf(l.id),
      title: l.title,
      status: l.status,
      requestingTeam: l.requesting_team,
      votes: Number(l.vote_count),
      hoursLostPerWeek: Number(l.hours_lost_per_week),
    }));
    const refs = (kind: ScopeRow['kind']) =>
      (scopeOf.get(row.id) ?? [])
        .filter(s => s.kind === kind)
        .map(s => s.entity_ref);
    return {
      id: improvementKeyOf(row.id),
      title: row.title,
      problem: row.problem,
      requests,
      rollup: {
        votes: requests.reduce((sum, r) => sum + r.votes, 0),
        teams: [...new Set(requests.map(r => r.requestingTeam))].sort(),
        hoursLostPerWeek: requests.reduce(
          (sum, r) => sum + r.hoursLostPerWeek,
          0,
        ),
      },
      scope: { teams: refs('team'), entities: refs('entity') },
      targetKpis: JSON.parse(row.target_kpis),
      status: row.status,
      dropReason: row.drop_reason,
      plannedFor: row.planned_for,
      shippedAt: toIso(row.shipped_at),
      owner: row.owner,
      createdBy: row.created_by,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
      version: row.version,
    };
  });
}
