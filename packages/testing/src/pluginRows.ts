/*
 * Counts rows in a plugin's own database of a portal started by startPortal,
 * straight from the database (not through the API under test): PostgreSQL
 * `<prefix><pluginId>`, or the SQLite file `<tempDir>/sqlite/<pluginId>.sqlite`.
 * The system tests and the load benchmark check what was stored with it.
 */
import { postgresTarget } from '@internal/harness';
import path from 'node:path';
import { Client } from 'pg';

// better-sqlite3 ships no types; this is the little the count needs.
type SqliteDatabase = {
  prepare(sql: string): { get(...params: unknown[]): unknown };
  close(): void;
};
const Database: new (
  file: string,
  options: { readonly: boolean; fileMustExist: boolean },
) => SqliteDatabase = require('better-sqlite3');

export type PluginDatabase =
  | { engine: 'postgres'; prefix: string }
  | { engine: 'sqlite'; portal: { tempDir: string } };

/** `sql` is `select count(*) as n …` with `?` placeholders. */
export async function countRows(
  db: PluginDatabase,
  pluginId: string,
  sql: string,
  params: Array<string | number> = [],
): Promise<number> {
  if (db.engine === 'sqlite') {
    const file = path.join(db.portal.tempDir, 'sqlite', `${pluginId}.sqlite`);
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const row = sqlite.prepare(sql).get(...params) as { n: number };
      return Number(row.n);
    } finally {
      sqlite.close();
    }
  }
  const client = new Client({
    ...postgresTarget(),
    database: `${db.prefix}${pluginId}`,
  });
  await client.connect();
  try {
    let n = 0;
    const { rows } = await client.query(
      sql.replace(/\?/g, () => `$${++n}`),
      params,
    );
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}
