import 'server-only';
import { config } from '@/lib/config';
import { searchWithExpiry } from './search';
import { AnswerCache } from './search-cache';
import type { SearchQuery } from './search-schema';

// GET /api/v1/flights/search's answer kept as the bytes it sends, per validated query (filters,
// sort, page and cursor included), so a repeated search costs the server no drafting, signing or
// JSON.stringify of a 20–90 KB answer — only the bytes written to the socket (docs/performance.md,
// session 14). An answer is built from the cached itineraries (search.ts) and is never served
// after they expire, so it is never staler than they are (SEARCH_CACHE_SECONDS; search-cache.ts
// says why that cannot sell a gone seat). Its offers' signatures last OFFER_TTL_SECONDS (20
// minutes) from when they were signed: a few seconds in the cache leave them valid, and their
// `expires_at` says exactly when. With SEARCH_CACHE_SECONDS=0 nothing is kept.

const g = globalThis as unknown as { __traqoraSearchAnswers?: AnswerCache<Uint8Array<ArrayBuffer>> };
const encoder = new TextEncoder();

const HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' } as const;

/** The search answer for `q`, from the cache when a fresh one is there. */
export async function searchAnswer(q: SearchQuery): Promise<Response> {
  // Misses are left to the itinerary cache behind this one to count: one search, one count.
  g.__traqoraSearchAnswers ??= new AnswerCache<Uint8Array<ArrayBuffer>>(config().env.SEARCH_CACHE_SECONDS * 1000, { countMisses: false });
  // The validated query's own fields, in the schema's order: equal queries, equal keys.
  const key = JSON.stringify(q);
  let expires = 0;
  const { value } = g.__traqoraSearchAnswers.lookup(key, async () => {
    const built = await searchWithExpiry(q);
    expires = built.expires;
    return encoder.encode(JSON.stringify(built.result));
  }, () => expires);
  return new Response(await value, { headers: HEADERS });
}
