/*
 * Every row of some tables, comparable before and after a change that must
 * leave nothing half-written. The search vector is left out: PostgreSQL
 * derives it from the other columns.
 */
import { Knex } from 'knex';

export async function snapshotTables(knex: Knex, tables: string[]) {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = await knex(table).select('*');
    snapshot[table] = rows
      .map(({ search_vector: _ignored, ...row }) => JSON.stringify(row))
      .sort();
  }
  return snapshot;
}
