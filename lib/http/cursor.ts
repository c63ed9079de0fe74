import { z } from 'zod';
import { HttpProblem } from '@/lib/http/problem';

// Keyset cursors for every list under /api/v1: opaque to clients (base64url JSON of the last
// row's sort key), validated on the way back in so a tampered cursor is a 400 naming
// query.cursor, not a database error. A list pages on a key no row changes after it is written,
// so a row added while a client pages lands above its first page and later pages neither repeat
// nor skip one.

export function encodeCursor(position: object | number | null | undefined): string | null {
  return position === null || position === undefined ? null : Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(cursor: string | undefined, schema: S): z.output<S> | null {
  if (!cursor) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HttpProblem(400, 'The request query is invalid.', [{ field: 'query.cursor', message: 'is not a cursor this list issued' }]);
  return parsed.data;
}

/** `cursor` and a bounded `limit` (1–100, default 50): the query every traveller list takes. */
export const pageQuery = z.object({
  cursor: z.string().max(500, 'is not a cursor this list issued').optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(50),
});
export type PageQuery = z.output<typeof pageQuery>;
