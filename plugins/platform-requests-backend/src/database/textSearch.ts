/*
 * Full-text search (`q`) and "similar titles" (suggestions), each database
 * with its own means. PostgreSQL: the generated `search_vector` column with
 * websearch_to_tsquery, and pg_trgm's similarity() when the extension is
 * there. SQLite: LIKE with escaped wildcards, and word overlap computed here.
 * User text only ever reaches SQL as a bound value.
 */
import { OPEN_STATUSES } from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import { isPostgres } from './tables';

export interface TextSearch {
  /** Narrows a query on `requests` to rows matching `q`. */
  applyQuery(query: Knex.QueryBuilder, q: string): void;
  /** Ids of open requests whose titles resemble `title`, best first. */
  similar(title: string, limit: number): Promise<number[]>;
  readonly method: 'pg_trgm' | 'tsvector' | 'words';
}

const KEY = /^REQ-([1-9][0-9]{0,9})$/i;

/** Words of at least two letters or digits, lower-cased, in any script. */
export function wordsOf(text: string): string[] {
  return (text.toLocaleLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []).slice(
    0,
    20,
  );
}

/** Makes a value safe inside LIKE: `%`, `_` and the escape itself. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, c => `\\${c}`);
}

/** A query that names a key (REQ-12) also finds that request. */
function orKey(query: Knex.QueryBuilder, q: string) {
  const key = KEY.exec(q.trim());
  if (key) query.orWhere('requests.id', Number(key[1]));
}

class PostgresTextSearch implements TextSearch {
  constructor(
    private readonly knex: Knex,
    readonly method: 'pg_trgm' | 'tsvector',
  ) {}

  applyQuery(query: Knex.QueryBuilder, q: string) {
    query.where(match => {
      match
        .whereRaw(
          "requests.search_vector @@ websearch_to_tsquery('english', ?)",
          [q],
        )
        // Word stems miss partial words ("kube" for "kubernetes").
        .orWhereRaw("requests.title ILIKE ? ESCAPE '\\'", [
          `%${escapeLike(q.trim())}%`,
        ]);
      orKey(match, q);
    });
  }

  async similar(title: string, limit: number): Promise<number[]> {
    const open = this.knex('requests').whereIn('status', OPEN_STATUSES);
    if (this.method === 'pg_trgm') {
      // Nearest titles first through the GiST trigram index (k-nearest-
      // neighbour order, migration 20261126174533_trgm_gist): a few index pages
      // instead of computing similarity() for every open request (0.6 s at
      // 100,000). Ordering by anything after the distance would lose the
      // index, so ties are broken here, among the few rows returned.
      const rows: Array<{ id: number; distance: number }> = await open
        .select('id', this.knex.raw('title <-> ? AS distance', [title]))
        .whereRaw('(title <-> ?) <= 0.8', [title])
        .orderByRaw('title <-> ?', [title])
        .limit(limit);
      return rows
        .sort((a, b) => a.distance - b.distance || b.id - a.id)
        .map(r => r.id);
    }
    const words = wordsOf(title).filter(w => w !== 'or');
    if (words.length === 0) return [];
    // Any of the words, ranked by how many match and how well.
    const tsquery = "websearch_to_tsquery('english', ?)";
    const rows = await open
      .select('id')
      .whereRaw(`search_vector @@ ${tsquery}`, [words.join(' or ')])
      .orderByRaw(`ts_rank(search_vector, ${tsquery}) DESC, id DESC`, [
        words.join(' or '),
      ])
      .limit(limit);
    return rows.map(r => r.id);
  }
}

class SqliteTextSearch implements TextSearch {
  readonly method = 'words';

  constructor(private readonly knex: Knex) {}

  applyQuery(query: Knex.QueryBuilder, q: string) {
    const terms = q.trim().split(/\s+/).filter(Boolean).slice(0, 10);
    query.where(match => {
      match.where(all => {
        for (const term of terms) {
          const like = `%${escapeLike(term)}%`;
          all.where(one =>
            one
              .whereRaw("requests.title LIKE ? ESCAPE '\\'", [like])
              .orWhereRaw("requests.description LIKE ? ESCAPE '\\'", [like]),
          );
        }
      });
      orKey(match, q);
    });
  }

  async similar(title: string, limit: number): Promise<number[]> {
    const wanted = new Set(wordsOf(title));
    if (wanted.size === 0) return [];
    // Candidates share at least one word; the overlap is scored here.
    const candidates: Array<{ id: number; title: string }> = await this.knex(
      'requests',
    )
      .select('id', 'title')
      .whereIn('status', OPEN_STATUSES)
      .where(any => {
        for (const word of wanted) {
          any.orWhereRaw("title LIKE ? ESCAPE '\\'", [`%${escapeLike(word)}%`]);
        }
      })
      .orderBy('id', 'desc')
      .limit(500);
    return candidates
      .map(c => ({
        id: c.id,
        score: overlap(wanted, new Set(wordsOf(c.title))),
      }))
      .filter(c => c.score > 0)
      .sort((a, b) => b.score - a.score || b.id - a.id)
      .slice(0, limit)
      .map(c => c.id);
  }
}

/**
 * Jaccard similarity of two word sets: shared words over all words. Words
 * sharing a stem of four or more letters count as shared (upgrade/upgrades).
 */
export function overlap(a: Set<string>, b: Set<string>): number {
  const alike = (x: string, y: string) =>
    x === y ||
    (Math.min(x.length, y.length) >= 4 && (x.startsWith(y) || y.startsWith(x)));
  let shared = 0;
  for (const word of a) if ([...b].some(other => alike(word, other))) shared++;
  const all = a.size + b.size - shared;
  return all === 0 ? 0 : shared / all;
}

export async function createTextSearch(knex: Knex): Promise<TextSearch> {
  if (!isPostgres(knex)) return new SqliteTextSearch(knex);
  try {
    await knex.raw("SELECT similarity('a', 'b')");
    return new PostgresTextSearch(knex, 'pg_trgm');
  } catch {
    return new PostgresTextSearch(knex, 'tsvector');
  }
}
