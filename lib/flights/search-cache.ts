import { Counter } from 'prom-client';
import { metrics } from '@/lib/metrics/registry';

// Search answers (search_itineraries: itineraries with their seats and fares) kept for a few
// seconds in an instance's memory, keyed by route, dates, cabin, passengers and stops, and shared
// by every request for the same key while it is being computed (single flight: a popular route
// searched by fifty clients at once costs one database call). On a server database a miss here
// asks the answers every instance shares (itinerary-search.ts). Why a short TTL is safe: nothing
// is sold from a search answer. Opening an offer and booking it both reprice against live
// inventory (lib/flights/reprice.ts; a gone seat is a 409, a changed fare a price_changed
// problem), so a cached answer can at worst show, for SEARCH_CACHE_SECONDS, a seat that is no
// longer there — never sell it. See docs/architecture.md ("Search answer cache").

interface Entry<T> { expires: number; value: Promise<T>; settled: boolean }

/**
 * hit: this instance's stored answer; shared: joined this instance's search in flight;
 * shared_hit: another instance's answer, stored in the database (no search); miss: the database searched.
 */
export type CacheOutcome = 'hit' | 'shared' | 'shared_hit' | 'miss';

const g = globalThis as unknown as { __traqoraSearchCacheMetric?: Counter<'outcome'> };

/** Counts one look-up in traqora_search_cache_total. */
export function countLookup(outcome: CacheOutcome): void {
  g.__traqoraSearchCacheMetric ??= new Counter({
    name: 'traqora_search_cache_total',
    help: 'Search answer cache look-ups: hit (a stored answer), shared (joined a computation in flight), shared_hit (an answer another instance stored in the database), miss (the database searched)',
    labelNames: ['outcome'],
    registers: [metrics().registry],
  });
  g.__traqoraSearchCacheMetric.inc({ outcome });
}

export interface CacheOptions {
  maxEntries?: number;
  now?: () => number;
  /**
   * Whether a miss counts in traqora_search_cache_total. A cache in front of another one (the
   * route's serialized answers, in front of the itineraries; the itineraries, in front of the
   * database's shared answers) leaves its misses to the one behind, so each search is counted
   * once: as a hit wherever it was answered, or as the database's search.
   */
  countMisses?: boolean;
}

export class AnswerCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly countMisses: boolean;

  constructor(private readonly ttlMs: number, options: CacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 2000;
    this.now = options.now ?? Date.now;
    this.countMisses = options.countMisses ?? true;
  }

  /** The stored answer for `key`, or `load()`'s, stored for the TTL; failures are not kept. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    return this.lookup(key, load).value;
  }

  /**
   * Like get, and when the stored answer stops being served (ms since the epoch). `expiresOf`
   * may shorten an entry once its value is known: an answer built from other cached data must
   * not outlive that data.
   */
  lookup(key: string, load: () => Promise<T>, expiresOf?: (value: T) => number): { value: Promise<T>; expires: number } {
    const now = this.now();
    if (this.ttlMs <= 0) return { value: load(), expires: now };
    const found = this.entries.get(key);
    if (found && found.expires > now) {
      countLookup(found.settled ? 'hit' : 'shared');
      return found;
    }
    if (this.countMisses) countLookup('miss');
    const value = load();
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.evict(now);
    const entry: Entry<T> = { expires: now + this.ttlMs, value, settled: false };
    this.entries.set(key, entry);
    value.then((v) => {
      entry.settled = true;
      if (expiresOf) entry.expires = Math.min(entry.expires, expiresOf(v));
    }, () => { if (this.entries.get(key) === entry) this.entries.delete(key); });
    return entry;
  }

  /** Drops expired entries, then the oldest (Map order is insertion order) down to 90 %. */
  private evict(now: number): void {
    for (const [k, e] of this.entries) if (e.expires <= now) this.entries.delete(k);
    for (const k of this.entries.keys()) {
      if (this.entries.size < this.maxEntries * 0.9) break;
      this.entries.delete(k);
    }
  }
}
