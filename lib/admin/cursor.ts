import { z } from 'zod';
import { HttpProblem } from '@/lib/http/problem';

// Keyset cursors for the console's lists: opaque to clients (base64url JSON), validated on the
// way back in so a tampered cursor is a 400 naming query.cursor, not a database error.

export function encodeCursor(position: object | null): string | null {
  return position ? Buffer.from(JSON.stringify(position)).toString('base64url') : null;
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
