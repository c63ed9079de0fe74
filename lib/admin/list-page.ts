import { isHttpProblem } from '@/lib/http/problem';

/**
 * One page of a console list, read from the URL's cursor and filters. A cursor or filter the
 * list refuses (400: a link from an older version, an edited URL) gives the empty page and
 * `stale`, so the page says so and offers the first page instead of failing; anything else is
 * a real error and is thrown.
 */
export async function readListPage<P>(load: () => Promise<P>, empty: P): Promise<{ page: P; stale: boolean }> {
  try {
    return { page: await load(), stale: false };
  } catch (err) {
    if (isHttpProblem(err) && err.status === 400) return { page: empty, stale: true };
    throw err;
  }
}
