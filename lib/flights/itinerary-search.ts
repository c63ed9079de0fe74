import type { Database, DbFunctionArgs } from '@/lib/db/port';
import { AnswerCache, countLookup } from './search-cache';
import type { Itinerary } from './types';

// search_itineraries behind two levels of cache, both kept for SEARCH_CACHE_SECONDS:
//   1. this instance's memory (AnswerCache: answers and searches in flight, per key);
//   2. on a server database, the answers every instance shares (search_itineraries_cached,
//      supabase/routines/40_fares_and_search.sql). A miss in memory makes a round trip anyway;
//      asking the shared level in that same call costs none more, and saves the search whenever
//      another instance asked first. PGlite is one process with nothing to share: memory only.
// An answer taken from the shared level is kept in memory only as long as it stays fresh there,
// so no copy is served longer than SEARCH_CACHE_SECONDS after the database searched.
// search-cache.ts says why a short TTL cannot sell a gone seat.

/** One direction's search, as search_itineraries takes it. */
export type ItineraryQuery = Pick<DbFunctionArgs<'search_itineraries'>, 'origin' | 'destination' | 'date_from' | 'date_to' | 'cabin' | 'adults'>
  & { children: number; infants: number; max_stops?: number };

/** search_itineraries_cached's answer. */
interface SharedAnswer {
  itineraries: Itinerary[];
  /** Whether this call searched (false: another call's stored answer). */
  searched: boolean;
  /** How long the answer stays fresh in the shared level, by the database's clock. */
  fresh_ms: number;
}

export class ItinerarySearch {
  private readonly memory: AnswerCache<Itinerary[]>;
  private readonly ttlMs: number;

  constructor(private readonly database: () => Promise<Database>, ttlSeconds: number, private readonly now: () => number = Date.now) {
    this.ttlMs = ttlSeconds * 1000;
    // Misses are counted here once the database has said whether it searched.
    this.memory = new AnswerCache<Itinerary[]>(this.ttlMs, { countMisses: false, now });
  }

  /** The itineraries for `q`, and when the copy they came from stops being served (ms since the epoch). */
  lookup(q: ItineraryQuery): { value: Promise<Itinerary[]>; expires: number } {
    // SEARCH_CACHE_SECONDS=0: neither level, nothing counted (the bench's uncached row).
    if (this.ttlMs <= 0) return { value: this.database().then((d) => d.call<Itinerary[]>('search_itineraries', q)), expires: this.now() };
    const key = JSON.stringify([q.origin, q.destination, q.date_from, q.date_to, q.cabin, q.adults, q.children, q.infants, q.max_stops]);
    let freshUntil = Infinity;
    return this.memory.lookup(key, async () => {
      try {
        const database = await this.database();
        if (database.driver === 'pglite') {
          const found = await database.call<Itinerary[]>('search_itineraries', q);
          countLookup('miss');
          return found;
        }
        const shared = await database.call<SharedAnswer>('search_itineraries_cached', { ...q, ttl_ms: this.ttlMs });
        countLookup(shared.searched ? 'miss' : 'shared_hit');
        freshUntil = this.now() + shared.fresh_ms;
        return shared.itineraries;
      } catch (err) {
        countLookup('miss'); // the database was asked, and no stored answer came of it
        throw err;
      }
    }, () => freshUntil);
  }
}
