/*
 * SQL that differs between PostgreSQL and SQLite, behind one function each.
 * Medians: PostgreSQL has percentile_cont; SQLite gets the same value (the
 * mean of the middle one or two) from window functions.
 */
import { Knex } from 'knex';

export function isPostgres(knex: Knex): boolean {
  return knex.client.config.client === 'pg';
}

/** Numbers come back as strings from PostgreSQL (bigint, numeric). */
export function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/**
 * Median of `value` per group over the rows of `source` (a query builder
 * that selects `g` and `v`). Returns a map from group to median.
 */
export async function groupedMedian(
  knex: Knex,
  source: Knex.QueryBuilder,
): Promise<Map<string, number>> {
  let rows: Array<{ g: unknown; m: unknown }>;
  if (isPostgres(knex)) {
    rows = await knex
      .from(source.as('s'))
      .select(
        'g',
        knex.raw('percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS m'),
      )
      .groupBy('g');
  } else {
    const ranked = knex
      .from(source.as('s'))
      .select(
        'g',
        'v',
        knex.raw('ROW_NUMBER() OVER (PARTITION BY g ORDER BY v) AS rn'),
        knex.raw('COUNT(*) OVER (PARTITION BY g) AS c'),
      );
    rows = await knex
      .from(ranked.as('r'))
      .select('g', knex.raw('AVG(v) AS m'))
      .whereRaw('rn IN ((c + 1) / 2, (c + 2) / 2)')
      .groupBy('g');
  }
  return new Map(rows.map(r => [String(r.g), Number(r.m)]));
}

/**
 * On PostgreSQL, `fn` in one read-only transaction with enough memory for
 * the sorts behind medians (the default 4 MB spills ~100,000 rows to disk);
 * on SQLite, `fn` as it is.
 */
export async function withSortMemory<T>(
  knex: Knex,
  fn: (db: Knex) => Promise<T>,
): Promise<T> {
  if (!isPostgres(knex)) return fn(knex);
  return knex.transaction(
    async trx => {
      await trx.raw("SET LOCAL work_mem = '32MB'");
      return fn(trx);
    },
    { readOnly: true },
  );
}
