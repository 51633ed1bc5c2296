/*
 * The weekly intake digest's reads (what was filed and resolved in a window)
 * and its once-per-week claim (migrations/20261204213849_weekly_digests.js).
 */
import { Knex } from 'knex';
import type { StoredRequest } from './RequestStore';
import { RequestRow, requestColumns, toStored } from './tables';

export class DigestStore {
  constructor(private readonly knex: Knex) {}

  /** Requests filed in [from, to), highest priority first. */
  async filed(from: Date, to: Date): Promise<StoredRequest[]> {
    const rows: RequestRow[] = await this.knex('requests')
      .select(requestColumns)
      .where('created_at', '>=', from.toISOString())
      .andWhere('created_at', '<', to.toISOString())
      .orderBy([
        { column: 'priority_score', order: 'desc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toStored);
  }

  /** How many requests were resolved in [from, to), by final status. */
  async resolved(from: Date, to: Date): Promise<Record<string, number>> {
    const rows: Array<{ status: string; n: number | string }> = await this.knex(
      'requests',
    )
      .select('status')
      .count({ n: '*' })
      .where('resolved_at', '>=', from.toISOString())
      .andWhere('resolved_at', '<', to.toISOString())
      .groupBy('status');
    return Object.fromEntries(rows.map(r => [r.status, Number(r.n)]));
  }

  /** true when this call recorded the week (and so must send it). */
  async claimWeek(week: string, at: Date): Promise<boolean> {
    const inserted = await this.knex('weekly_digests')
      .insert({ week, sent_at: at.toISOString() })
      .onConflict('week')
      .ignore()
      .returning('week');
    return inserted.length === 1;
  }

  async releaseWeek(week: string): Promise<void> {
    await this.knex('weekly_digests').where({ week }).delete();
  }
}
