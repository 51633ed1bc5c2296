/*
 * Request flow: copies each platform request's facts (team, category,
 * urgency, status, when it was filed, triaged and closed, its SLA due
 * times, rating, votes, hours lost, and the teams behind it) from the
 * platform-requests API into kpi_request_facts. Pages newest-updated first
 * and stops at the last run's watermark: only changed requests are read.
 * Upserts by key: safe to rerun.
 */
import { Knex } from 'knex';
import { CollectorState } from '../database/CollectorState';
import { PluginClient } from './PluginClient';

const PAGE = 100;
/** Requests updated this close to the watermark are read again. */
const SLACK_MS = 60_000;
const CLOSED = new Set(['done', 'declined', 'duplicate']);

/** The fields of the platform-requests API's request that the KPIs use. */
type ApiRequest = {
  key: string;
  requestingTeam: string;
  category: string;
  urgency: string;
  status: string;
  impact: { hoursLostPerWeek: number };
  votes: { count: number; byTeam: Array<{ team: string }> };
  rating: { score: number } | null;
  sla: {
    triage: { targetHours: number; dueAt: string; metAt?: string };
    resolve: { dueAt: string; metAt?: string };
  };
  createdAt: string;
  updatedAt: string;
};

type State = { updatedSince: number };

export async function collectRequests(deps: {
  knex: Knex;
  client: PluginClient;
  state: CollectorState;
  now?: () => number;
}): Promise<{ requests: number }> {
  const { knex, client, state } = deps;
  const now = (deps.now ?? Date.now)();
  const previous = (await state.read<State>('requests')) ?? { updatedSince: 0 };
  const seen: ApiRequest[] = [];
  let cursor: string | null = null;
  let newest = previous.updatedSince;
  do {
    const query: string = `/requests?sort=-updated&limit=${PAGE}${
      cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
    }`;
    const page: { items: ApiRequest[]; nextCursor: string | null } =
      await client.get('platform-requests', query);
    let reached = false;
    for (const item of page.items) {
      const updated = Date.parse(item.updatedAt);
      if (Number.isNaN(updated)) continue;
      if (updated < previous.updatedSince - SLACK_MS) {
        reached = true;
        break;
      }
      newest = Math.max(newest, updated);
      seen.push(item);
    }
    cursor = reached ? null : page.nextCursor;
  } while (cursor);

  await knex.transaction(async tx => {
    for (const r of seen) {
      const time = (iso: string | undefined) => (iso ? Date.parse(iso) : null);
      const closed = CLOSED.has(r.status);
      await tx('kpi_request_facts')
        .insert({
          request_key: r.key,
          team_ref: r.requestingTeam.toLocaleLowerCase('en-US'),
          category: r.category,
          urgency: r.urgency,
          status: r.status,
          created_at: Date.parse(r.createdAt),
          triaged_at: time(r.sla.triage.metAt),
          triage_due_at: Date.parse(r.sla.triage.dueAt),
          // The clocks start at filing or the last reopen.
          opened_at:
            Date.parse(r.sla.triage.dueAt) -
            r.sla.triage.targetHours * 3_600_000,
          closed_at: closed
            ? time(r.sla.resolve.metAt) ?? Date.parse(r.updatedAt)
            : null,
          resolve_due_at: Date.parse(r.sla.resolve.dueAt),
          rating: r.rating?.score ?? null,
          votes: r.votes.count,
          hours_lost_per_week: r.impact.hoursLostPerWeek,
          updated_at: Date.parse(r.updatedAt),
        })
        .onConflict('request_key')
        .merge();
      const teams = new Set(
        [r.requestingTeam, ...r.votes.byTeam.map(v => v.team)].map(t =>
          t.toLocaleLowerCase('en-US'),
        ),
      );
      await tx('kpi_request_teams').where('request_key', r.key).delete();
      await tx('kpi_request_teams').insert(
        [...teams].map(team_ref => ({ request_key: r.key, team_ref })),
      );
    }
    await state.write('requests', { updatedSince: newest }, now, tx);
  });
  return { requests: seen.length };
}
