/*
 * The list's filters as they live in the URL query string
 * (?status=new,triaged&team=group:default/x&mine=true&q=ci&sort=-votes), so a
 * filtered list can be bookmarked and shared.
 */
import {
  REQUEST_STATUSES,
  RequestStatus,
  SORTS,
} from '@internal/plugin-platform-requests-common';
import { RequestListQuery, RequestSort } from '../../api';

export type ListFilters = {
  status: RequestStatus[];
  category?: string;
  team?: string;
  assignee?: string;
  /** Requests about one entity; set by the entity page's link. */
  entity?: string;
  mine: boolean;
  watching: boolean;
  q: string;
  sort: RequestSort;
};

export const DEFAULT_SORT: RequestSort = '-priority';
export const PAGE_SIZE = 25;

const csv = (value: string | null) => (value ?? '').split(',').filter(Boolean);

export function parseFilters(params: URLSearchParams): ListFilters {
  const sort = params.get('sort') as RequestSort | null;
  return {
    status: csv(params.get('status')).filter((s): s is RequestStatus =>
      (REQUEST_STATUSES as readonly string[]).includes(s),
    ),
    category: params.get('category') || undefined,
    team: params.get('team') || undefined,
    assignee: params.get('assignee') || undefined,
    entity: params.get('entity') || undefined,
    mine: params.get('mine') === 'true',
    watching: params.get('watching') === 'true',
    q: params.get('q') ?? '',
    sort: sort && SORTS.includes(sort) ? sort : DEFAULT_SORT,
  };
}

/** Only what differs from the defaults, so URLs stay short. */
export function filtersToParams(filters: ListFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.status.length) params.status = filters.status.join(',');
  if (filters.category) params.category = filters.category;
  if (filters.team) params.team = filters.team;
  if (filters.assignee) params.assignee = filters.assignee;
  if (filters.entity) params.entity = filters.entity;
  if (filters.mine) params.mine = 'true';
  if (filters.watching) params.watching = 'true';
  if (filters.q.trim()) params.q = filters.q.trim();
  if (filters.sort !== DEFAULT_SORT) params.sort = filters.sort;
  return params;
}

export function toListQuery(filters: ListFilters): RequestListQuery {
  return {
    ...(filters.status.length ? { status: filters.status } : {}),
    ...(filters.category ? { category: csv(filters.category) } : {}),
    ...(filters.team ? { team: csv(filters.team) } : {}),
    ...(filters.assignee ? { assignee: csv(filters.assignee) } : {}),
    ...(filters.entity ? { entity: filters.entity } : {}),
    ...(filters.mine ? { mine: true } : {}),
    ...(filters.watching ? { watching: true } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    sort: filters.sort,
    limit: PAGE_SIZE,
  };
}

export const SORT_LABELS: Record<RequestSort, string> = {
  '-priority': 'Highest priority first',
  priority: 'Lowest priority first',
  '-created': 'Newest first',
  created: 'Oldest first',
  '-updated': 'Recently updated',
  updated: 'Least recently updated',
  '-votes': 'Most votes',
  votes: 'Fewest votes',
};
