/*
 * Keyset cursors for GET /requests: the sort and the last row's sort value
 * and id, as base64url JSON. A page then starts strictly after that row, so
 * rows added or changed meanwhile never shift a page. Cursors are opaque to
 * clients; anything that does not decode to one we issued is a 400.
 */
import { InputError } from '@backstage/errors';
import { SORTS } from '@internal/plugin-platform-requests-common';
import { z } from 'zod';

export type Sort = (typeof SORTS)[number];

/** Which column each sort uses, and whether its values are timestamps. */
type SortName = Exclude<Sort, `-${string}`>;

export const SORT_COLUMNS: Record<
  SortName,
  { column: string; kind: 'number' | 'time' }
> = {
  priority: { column: 'priority_score', kind: 'number' },
  created: { column: 'created_at', kind: 'time' },
  updated: { column: 'updated_at', kind: 'time' },
  votes: { column: 'vote_count', kind: 'number' },
};

export function sortSpec(sort: Sort) {
  const descending = sort.startsWith('-');
  const name = (descending ? sort.slice(1) : sort) as SortName;
  return { ...SORT_COLUMNS[name], descending };
}

export type Cursor = { sort: Sort; value: number | string; id: number };

const cursorSchema = z.strictObject({
  s: z.enum(SORTS),
  v: z.union([z.number().finite(), z.iso.datetime()]),
  i: z.number().int().positive(),
});

export function encodeCursor(cursor: Cursor): string {
  const json = JSON.stringify({
    s: cursor.sort,
    v: cursor.value,
    i: cursor.id,
  });
  return Buffer.from(json, 'utf8').toString('base64url');
}

export function decodeCursor(raw: string, sort: Sort): Cursor {
  const invalid = () =>
    new InputError(
      'cursor: not a cursor of this list; start from the first page',
    );
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw invalid();
  const { s, v, i } = result.data;
  // A cursor of another sort would point into the wrong order.
  if (s !== sort) throw invalid();
  if ((typeof v === 'number') !== (sortSpec(sort).kind === 'number')) {
    throw invalid();
  }
  return { sort: s, value: v, id: i };
}
