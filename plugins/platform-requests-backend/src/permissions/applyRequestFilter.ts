/*
 * Applies a conditional permission decision, already transformed into
 * RequestFilter criteria, to a knex query on the requests table. The columns
 * come from the rules (an allow-list), the values are always bound.
 */
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { Knex } from 'knex';
import { RequestFilter } from './resource';

const COLUMNS: Record<RequestFilter['column'], string> = {
  requester: 'requests.requester',
};

export function applyRequestFilter(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<RequestFilter>,
): void {
  if (isAndCriteria(criteria)) {
    query.where(all => {
      for (const c of criteria.allOf)
        all.andWhere(q => applyRequestFilter(q, c));
    });
  } else if (isOrCriteria(criteria)) {
    query.where(any => {
      for (const c of criteria.anyOf)
        any.orWhere(q => applyRequestFilter(q, c));
    });
  } else if (isNotCriteria(criteria)) {
    query.whereNot(q => applyRequestFilter(q, criteria.not));
  } else {
    const column = COLUMNS[criteria.column];
    if (!column) throw new Error(`unknown filter column ${criteria.column}`);
    // An empty list matches nothing (knex renders it as 1 = 0).
    query.whereIn(column, criteria.values);
  }
}
