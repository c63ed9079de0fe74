import { fetchJson } from './fetch-json';

// Pages that show a whole (short) list — a traveller's trips, wallet history — walk the API's
// keyset pages: follow nextCursor until the last page, at most `maxPages` (the rest is left for
// a filter or an export; nobody scrolls through thousands of rows).

export async function fetchAllPages<P extends { nextCursor: string | null }>(
  url: string, init: RequestInit, maxPages = 20,
): Promise<P[]> {
  const pages: P[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const page: P = await fetchJson<P>(`${url}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, init);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < maxPages);
  return pages;
}
