/*
 * The table behind the SLA warnings (migrations/20261204205634_sla_alerts.js):
 * which open requests to look at, and the once-only claim of a warning.
 */
import { OPEN_STATUSES } from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import type { StoredRequest } from './RequestStore';
import { RequestRow, requestColumns, toStored } from './tables';

export type SlaClockName = 'triage' | 'resolve';
export type SlaThreshold = 80 | 100;

export type SlaAlertKey = {
  requestId: number;
  clock: SlaClockName;
  threshold: SlaThreshold;
};

export class SlaAlertStore {
  constructor(private readonly knex: Knex) {}

  /** Requests whose clocks still run. */
  async openRequests(): Promise<StoredRequest[]> {
    const rows: RequestRow[] = await this.knex('requests')
      .select(requestColumns)
      .whereIn('status', OPEN_STATUSES as string[])
      .orderBy('id');
    return rows.map(toStored);
  }

  /** The warnings already sent for these requests. */
  async sent(requestIds: number[]): Promise<Set<string>> {
    const sent = new Set<string>();
    // Chunks keep the IN list under SQLite's parameter limit.
    for (let i = 0; i < requestIds.length; i += 500) {
      const rows = await this.knex('sla_alerts')
        .select('request_id', 'clock', 'threshold')
        .whereIn('request_id', requestIds.slice(i, i + 500));
      for (const row of rows) {
        sent.add(alertId(row.request_id, row.clock, Number(row.threshold)));
      }
    }
    return sent;
  }

  /**
   * Claims a warning: true when this call recorded it (and so must send
   * it), false when someone else already had.
   */
  async claim(key: SlaAlertKey, at: Date): Promise<boolean> {
    const inserted = await this.knex('sla_alerts')
      .insert({
        request_id: key.requestId,
        clock: key.clock,
        threshold: key.threshold,
        sent_at: at.toISOString(),
      })
      .onConflict(['request_id', 'clock', 'threshold'])
      .ignore()
      .returning('request_id');
    return inserted.length === 1;
  }

  /** Gives a claim back when the warning could not be sent. */
  async release(key: SlaAlertKey): Promise<void> {
    await this.knex('sla_alerts')
      .where({
        request_id: key.requestId,
        clock: key.clock,
        threshold: key.threshold,
      })
      .delete();
  }
}

export function alertId(requestId: number, clock: string, threshold: number) {
  return `${requestId}/${clock}/${threshold}`;
}
