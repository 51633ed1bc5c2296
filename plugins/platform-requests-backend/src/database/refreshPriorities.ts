/*
 * Recomputes the stored scores as requests age. Works through the table in
 * pages of `batchSize` by id, each written in its own short transaction, so
 * neither the rows in memory nor the locks grow with the table (100,000
 * requests used to mean one transaction over all of them). Scores need
 * `computePriority`, which lives in the common package, so they are
 * computed here rather than in SQL; only changed scores are written.
 */
import { PriorityWeights } from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import { priorityOf } from './requestViews';
import { priorityFacts, RequestRow } from './tables';

export async function refreshPriorities(
  knex: Knex,
  weights: PriorityWeights,
  now: Date,
  batchSize: number,
): Promise<number> {
  let updated = 0;
  let afterId = 0;
  for (;;) {
    const rows: RequestRow[] = await knex('requests')
      .select(
        'id',
        'vote_count',
        'team_count',
        'hours_lost_per_week',
        'urgency',
        'created_at',
        'resolved_at',
        'priority_score',
      )
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(batchSize);
    if (rows.length === 0) return updated;
    afterId = rows[rows.length - 1].id;
    const changed = rows
      .map(row => ({
        id: row.id,
        old: row.priority_score,
        score: priorityOf(priorityFacts(row), weights, now).score,
      }))
      .filter(c => c.score !== c.old);
    if (changed.length) {
      await knex.transaction(async tx => {
        for (const c of changed) {
          await tx('requests')
            .where('id', c.id)
            .update({ priority_score: c.score });
        }
      });
      updated += changed.length;
    }
  }
}
