/*
 * The WHERE and ORDER BY of GET /requests and GET /export. Every filter maps
 * to a fixed column, every sort to an allow-listed one (see cursor.ts), and
 * every value is bound, so nothing a client sends becomes SQL text.
 */
import {
  ListQueryFilters,
  SlaTargets,
  URGENCIES,
} from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import { Cursor, Sort, sortSpec } from './cursor';
import { TextSearch } from './textSearch';
import { isPostgres } from './tables';

/** The list query's filters, and one the SLA checks use. */
export type ListFilters = ListQueryFilters & {
  /** SLA breached (triage or resolve), or not. */
  breached?: boolean;
};

export type ListOptions = ListFilters & {
  sort: Sort;
  cursor?: Cursor;
  limit: number;
};

const HOUR_MS = 3_600_000;

export function applyFilters(
  knex: Knex,
  query: Knex.QueryBuilder,
  filters: ListFilters,
  context: {
    viewer?: string;
    textSearch: TextSearch;
    sla: SlaTargets;
    now: Date;
  },
): void {
  if (filters.status?.length) query.whereIn('requests.status', filters.status);
  if (filters.category?.length) {
    query.whereIn('requests.category', filters.category);
  }
  if (filters.urgency?.length) {
    query.whereIn('requests.urgency', filters.urgency);
  }
  if (filters.team?.length) {
    query.whereIn('requests.requesting_team', filters.team);
  }
  if (filters.assignee?.length) {
    query.whereIn('requests.assignee', filters.assignee);
  }
  if (filters.entity) {
    query.whereExists(
      knex('request_entities')
        .select(knex.raw('1'))
        .whereRaw('request_entities.request_id = requests.id')
        .where('request_entities.entity_ref', filters.entity),
    );
  }
  // Without a user (a service token) "mine" and "watching" match nothing.
  const viewer = context.viewer ?? '';
  if (filters.mine) query.where('requests.requester', viewer);
  if (filters.watching) {
    query.whereExists(
      knex('watchers')
        .select(knex.raw('1'))
        .whereRaw('watchers.request_id = requests.id')
        .where({ 'watchers.user_ref': viewer, 'watchers.opted_out': false }),
    );
  }
  if (filters.q?.trim()) context.textSearch.applyQuery(query, filters.q);
  if (filters.breached !== undefined) {
    const breached = (q: Knex.QueryBuilder) =>
      applyBreached(knex, q, context.sla, context.now);
    if (filters.breached) query.where(breached);
    else query.whereNot(breached);
  }
}

/**
 * A request breaches its SLA when a clock is still running past its due time,
 * or stopped after it. Targets come from config per urgency, as in the
 * clocks the API returns (slaOf), so list and detail agree.
 */
function applyBreached(
  knex: Knex,
  query: Knex.QueryBuilder,
  sla: SlaTargets,
  now: Date,
) {
  // "stopped later than opened_at + hours", in each database's date math.
  const late = isPostgres(knex)
    ? (col: string) =>
        `requests.${col} > requests.opened_at + CAST(? AS double precision) * interval '1 hour'`
    : (col: string) =>
        `julianday(requests.${col}) > julianday(requests.opened_at) + ? / 24.0`;
  for (const urgency of URGENCIES) {
    for (const [col, hours] of [
      ['triaged_at', sla[urgency].triageHours],
      ['resolved_at', sla[urgency].resolveHours],
    ] as const) {
      const dueBefore = new Date(now.getTime() - hours * HOUR_MS).toISOString();
      query.orWhere(clock =>
        clock
          .where('requests.urgency', urgency)
          .where(state =>
            state
              .where(running =>
                running
                  .whereNull(`requests.${col}`)
                  .where('requests.opened_at', '<', dueBefore),
              )
              .orWhere(stopped =>
                stopped
                  .whereNotNull(`requests.${col}`)
                  .whereRaw(late(col), [hours]),
              ),
          ),
      );
    }
  }
}

export function applySort(query: Knex.QueryBuilder, options: ListOptions) {
  const { column, descending } = sortSpec(options.sort);
  const dir = descending ? 'desc' : 'asc';
  const cmp = descending ? '<' : '>';
  if (options.cursor) {
    const { value, id } = options.cursor;
    query.where(after =>
      after
        .where(`requests.${column}`, cmp, value)
        .orWhere(tie =>
          tie.where(`requests.${column}`, value).where('requests.id', cmp, id),
        ),
    );
  }
  query.orderBy(`requests.${column}`, dir).orderBy('requests.id', dir);
}
