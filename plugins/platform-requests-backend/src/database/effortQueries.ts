/*
 * The SQL behind GET /effort (definitions in the common package's
 * improvements/effort.ts). Every figure is aggregated by the database;
 * percentiles use the nearest rank over ROW_NUMBER(), which SQLite and
 * PostgreSQL both have. Read permission on requests is all-or-nothing (a
 * basic permission, as for the list), so the router decides it before
 * anything here runs.
 */
import {
  Demand,
  Effort,
  EFFORT_TOP_PAINS,
  EffortQuery,
  ImprovementDemand,
  OPEN_STATUSES,
  Pain,
  ResolutionTime,
  ShareAnswered,
} from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import { improvementKeyOf } from './improvementTables';
import { isPostgres, keyOf } from './tables';

const DAY_MS = 24 * 60 * 60 * 1000;

type DemandRow = {
  open_requests: number | string;
  votes: number | string;
  hours: number | string;
};

function demandColumns(knex: Knex) {
  return [
    knex.raw('COUNT(*) AS open_requests'),
    knex.raw('COALESCE(SUM(requests.vote_count), 0) AS votes'),
    knex.raw('COALESCE(SUM(requests.hours_lost_per_week), 0) AS hours'),
  ];
}

function toDemand(row: DemandRow): Demand {
  return {
    openRequests: Number(row.open_requests),
    votes: Number(row.votes),
    hoursLostPerWeek: Number(row.hours),
  };
}

function openRequests(knex: Knex) {
  return knex('requests').whereIn('requests.status', OPEN_STATUSES);
}

async function demandBy(
  knex: Knex,
  column: 'category' | 'requesting_team',
): Promise<Array<Demand & { group: string }>> {
  const rows: Array<DemandRow & { grp: string }> = await openRequests(knex)
    .select(`requests.${column} AS grp`, ...demandColumns(knex))
    .groupBy(`requests.${column}`)
    .orderBy([
      { column: 'hours', order: 'desc' },
      { column: 'grp', order: 'asc' },
    ]);
  return rows.map(r => ({ group: r.grp, ...toDemand(r) }));
}

async function demandByImprovement(knex: Knex): Promise<ImprovementDemand[]> {
  const open = OPEN_STATUSES.map(() => '?').join(', ');
  const rows: Array<{
    id: number;
    title: string;
    status: ImprovementDemand['status'];
    linked: number | string;
    open_requests: number | string;
    votes: number | string;
    hours: number | string;
  }> = await knex('improvements')
    .leftJoin(
      'improvement_requests',
      'improvement_requests.improvement_id',
      'improvements.id',
    )
    .leftJoin('requests', 'requests.id', 'improvement_requests.request_id')
    .whereNot('improvements.status', 'dropped')
    .select(
      'improvements.id',
      'improvements.title',
      'improvements.status',
      knex.raw('COUNT(requests.id) AS linked'),
      knex.raw(
        `COALESCE(SUM(CASE WHEN requests.status IN (${open}) THEN 1 ELSE 0 END), 0) AS open_requests`,
        [...OPEN_STATUSES],
      ),
      knex.raw('COALESCE(SUM(requests.vote_count), 0) AS votes'),
      knex.raw('COALESCE(SUM(requests.hours_lost_per_week), 0) AS hours'),
    )
    .groupBy('improvements.id', 'improvements.title', 'improvements.status')
    .orderBy([
      { column: 'hours', order: 'desc' },
      { column: 'improvements.id', order: 'asc' },
    ]);
  return rows.map(r => ({
    id: improvementKeyOf(r.id),
    title: r.title,
    status: r.status,
    linkedRequests: Number(r.linked),
    ...toDemand(r),
  }));
}

async function resolutionByCategory(
  knex: Knex,
  since: string,
  until: string,
): Promise<ResolutionTime[]> {
  const seconds = isPostgres(knex)
    ? 'EXTRACT(EPOCH FROM (resolved_at - opened_at))'
    : '(julianday(resolved_at) - julianday(opened_at)) * 86400.0';
  const { rows } = normalise(
    await knex.raw(
      `WITH ranked AS (
         SELECT category, ${seconds} AS secs,
           ROW_NUMBER() OVER (PARTITION BY category ORDER BY ${seconds}) AS rn,
           COUNT(*) OVER (PARTITION BY category) AS n
         FROM requests
         WHERE status = 'done' AND resolved_at >= ? AND resolved_at <= ?
       )
       SELECT category, MAX(n) AS resolved,
         MAX(CASE WHEN rn = (n + 1) / 2 THEN secs END) AS median_secs,
         MAX(CASE WHEN rn = (9 * n + 9) / 10 THEN secs END) AS p90_secs
       FROM ranked GROUP BY category ORDER BY category`,
      [since, until],
    ),
  );
  return rows.map(r => ({
    category: String(r.category),
    resolved: Number(r.resolved),
    medianHours: Number(r.median_secs) / 3600,
    p90Hours: Number(r.p90_secs) / 3600,
  }));
}

/** knex.raw answers { rows } on PostgreSQL and the rows on SQLite. */
function normalise(result: unknown): { rows: Array<Record<string, unknown>> } {
  return Array.isArray(result)
    ? { rows: result }
    : (result as { rows: Array<Record<string, unknown>> });
}

async function topPains(knex: Knex): Promise<Pain[]> {
  const rows: Array<{
    id: number;
    title: string;
    category: string;
    requesting_team: string;
    vote_count: number;
    hours_lost_per_week: number;
  }> = await openRequests(knex)
    .select(
      'id',
      'title',
      'category',
      'requesting_team',
      'vote_count',
      'hours_lost_per_week',
    )
    .orderBy([
      { column: 'hours_lost_per_week', order: 'desc' },
      { column: 'vote_count', order: 'desc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(EFFORT_TOP_PAINS);
  return rows.map(r => ({
    key: keyOf(r.id),
    title: r.title,
    category: r.category,
    requestingTeam: r.requesting_team,
    votes: Number(r.vote_count),
    hoursLostPerWeek: Number(r.hours_lost_per_week),
  }));
}

async function shareAnswered(
  knex: Knex,
  since: string,
  until: string,
): Promise<ShareAnswered> {
  const shipped = knex('improvement_requests')
    .join(
      'improvements',
      'improvements.id',
      'improvement_requests.improvement_id',
    )
    .where('improvements.status', 'shipped')
    // A request two shipped improvements answer counts once.
    .distinct('improvement_requests.request_id');
  const [row] = await knex('requests')
    .leftJoin(shipped.as('answered'), 'answered.request_id', 'requests.id')
    .whereNotIn('requests.status', ['declined', 'duplicate'])
    .where('requests.created_at', '>=', since)
    .where('requests.created_at', '<=', until)
    .select(
      knex.raw('COALESCE(SUM(requests.hours_lost_per_week), 0) AS hours'),
      knex.raw(
        'COALESCE(SUM(CASE WHEN answered.request_id IS NULL THEN 0 ELSE requests.hours_lost_per_week END), 0) AS answered_hours',
      ),
      knex.raw('COALESCE(SUM(requests.vote_count), 0) AS votes'),
      knex.raw(
        'COALESCE(SUM(CASE WHEN answered.request_id IS NULL THEN 0 ELSE requests.vote_count END), 0) AS answered_votes',
      ),
    );
  return {
    hoursLostPerWeek: Number(row.hours),
    answeredHoursLostPerWeek: Number(row.answered_hours),
    votes: Number(row.votes),
    answeredVotes: Number(row.answered_votes),
  };
}

export async function readEffort(
  knex: Knex,
  query: EffortQuery,
  at: Date,
): Promise<Effort> {
  const until = at.toISOString();
  const since = new Date(at.getTime() - query.days * DAY_MS).toISOString();
  const [total] = await openRequests(knex).select(...demandColumns(knex));
  const [byCategory, byTeam, byImprovement, resolution, pains, share] =
    await Promise.all([
      demandBy(knex, 'category'),
      demandBy(knex, 'requesting_team'),
      demandByImprovement(knex),
      resolutionByCategory(knex, since, until),
      topPains(knex),
      shareAnswered(knex, since, until),
    ]);
  return {
    days: query.days,
    until,
    total: toDemand(total),
    byCategory: byCategory.map(({ group, ...d }) => ({
      category: group,
      ...d,
    })),
    byTeam: byTeam.map(({ group, ...d }) => ({ team: group, ...d })),
    byImprovement,
    resolutionByCategory: resolution,
    topPains: pains,
    shareAnswered: share,
  };
}
