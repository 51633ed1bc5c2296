/*
 * Where each collector got to (a watermark it continues from) and when it
 * last finished, so a rerun continues instead of starting over, and the
 * KPI pages can say how fresh their numbers are.
 */
import { Knex } from 'knex';
import { num } from '../queries/sql';

export type CollectorName = 'catalog' | 'template-runs' | 'requests';

export class CollectorState {
  constructor(private readonly knex: Knex) {}

  async read<T>(name: CollectorName): Promise<T | undefined> {
    const row = await this.knex('kpi_collector_state').where({ name }).first();
    return row?.state ? (JSON.parse(row.state) as T) : undefined;
  }

  async collectedAt(name: CollectorName): Promise<number | null> {
    const row = await this.knex('kpi_collector_state')
      .where({ name })
      .first('collected_at');
    return row?.collected_at === null || row?.collected_at === undefined
      ? null
      : num(row.collected_at);
  }

  async write(
    name: CollectorName,
    state: unknown,
    at: number,
    tx: Knex = this.knex,
  ) {
    await tx('kpi_collector_state')
      .insert({ name, state: JSON.stringify(state ?? null), collected_at: at })
      .onConflict('name')
      .merge();
  }
}
