import { describe, expect, it } from 'vitest';
import type { Database, DbFunction } from '@/lib/db/port';
import { ItinerarySearch, type ItineraryQuery } from '@/lib/flights/itinerary-search';
import type { Itinerary } from '@/lib/flights/types';
import { metrics } from '@/lib/metrics/registry';

// The app's side of the two cache levels (lib/flights/itinerary-search.ts), against a stand-in
// database that answers as search_itineraries_cached would: which function each driver calls,
// what each answer counts in traqora_search_cache_total, and how long memory keeps an answer the
// shared level gave. The database side is tests/db/search-shared.test.ts.

const q: ItineraryQuery = { origin: 'JFK', destination: 'LHR', date_from: '2026-12-20', date_to: '2026-12-20', cabin: 'economy', adults: 1, children: 0, infants: 0, max_stops: 1 };
const itinerary = { flight_ids: [1] } as unknown as Itinerary;

function standIn(driver: Database['driver'], answer: () => unknown) {
  const asked: { fn: DbFunction; args: Record<string, unknown> }[] = [];
  const database = {
    driver,
    call: async (fn: DbFunction, args: Record<string, unknown>) => { asked.push({ fn, args }); return answer(); },
    close: async () => {},
  } as unknown as Database;
  return { database, asked };
}

async function looked(run: () => Promise<unknown>) {
  const outcomes = ['hit', 'shared', 'shared_hit', 'miss'];
  // Read as numbers at once: the metric hands out its live entries.
  const read = async () => {
    const metric = metrics().registry.getSingleMetric('traqora_search_cache_total');
    const values = metric ? (await metric.get()).values : [];
    return outcomes.map((o) => values.filter((v) => v.labels.outcome === o).reduce((n, v) => n + v.value, 0));
  };
  const before = await read();
  await run().catch(() => {});
  const after = await read();
  return Object.fromEntries(outcomes.map((o, i) => [o, after[i] - before[i]]));
}

describe('ItinerarySearch', () => {
  it('on a server database asks the shared level with the TTL, and counts a search as a miss', async () => {
    const { database, asked } = standIn('postgres', () => ({ searched: true, fresh_ms: 5_000, itineraries: [itinerary] }));
    const search = new ItinerarySearch(async () => database, 5);
    expect(await looked(async () => expect(await search.lookup(q).value).toEqual([itinerary]))).toEqual({ hit: 0, shared: 0, shared_hit: 0, miss: 1 });
    expect(asked).toEqual([{ fn: 'search_itineraries_cached', args: { ...q, ttl_ms: 5_000 } }]);
    // Then from memory: a hit, no call.
    expect(await looked(() => search.lookup(q).value)).toEqual({ hit: 1, shared: 0, shared_hit: 0, miss: 0 });
    expect(asked).toHaveLength(1);
  });

  it('counts another instance\'s stored answer as a shared hit and keeps it only while it is fresh there', async () => {
    let now = 1_000_000;
    const { database, asked } = standIn('supabase', () => ({ searched: false, fresh_ms: 1_200, itineraries: [itinerary] }));
    const search = new ItinerarySearch(async () => database, 5, () => now);
    const found = search.lookup(q);
    expect(await looked(() => found.value)).toEqual({ hit: 0, shared: 0, shared_hit: 1, miss: 0 });
    expect(found.expires).toBe(1_001_200);
    now += 1_199;
    await search.lookup(q).value;
    expect(asked).toHaveLength(1);
    now += 1;
    await search.lookup(q).value;
    expect(asked).toHaveLength(2);
  });

  it('on PGlite calls search_itineraries, memory only', async () => {
    const { database, asked } = standIn('pglite', () => [itinerary]);
    const search = new ItinerarySearch(async () => database, 5);
    expect(await looked(() => search.lookup(q).value)).toEqual({ hit: 0, shared: 0, shared_hit: 0, miss: 1 });
    expect(asked.map((a) => a.fn)).toEqual(['search_itineraries']);
  });

  it('counts a failed call as a miss and does not keep it', async () => {
    let fail = true;
    const { database, asked } = standIn('postgres', () => {
      if (fail) throw new Error('database down');
      return { searched: true, fresh_ms: 5_000, itineraries: [] };
    });
    const search = new ItinerarySearch(async () => database, 5);
    expect(await looked(() => search.lookup(q).value)).toEqual({ hit: 0, shared: 0, shared_hit: 0, miss: 1 });
    fail = false;
    expect(await search.lookup(q).value).toEqual([]);
    expect(asked).toHaveLength(2);
  });

  it('with a TTL of 0 calls search_itineraries every time and counts nothing', async () => {
    const { database, asked } = standIn('postgres', () => [itinerary]);
    const search = new ItinerarySearch(async () => database, 0);
    expect(await looked(async () => { await search.lookup(q).value; await search.lookup(q).value; })).toEqual({ hit: 0, shared: 0, shared_hit: 0, miss: 0 });
    expect(asked.map((a) => a.fn)).toEqual(['search_itineraries', 'search_itineraries']);
  });
});
