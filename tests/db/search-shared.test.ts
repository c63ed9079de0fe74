import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlDatabase } from '@/lib/db/open';
import type { Database, DbFunction, DbFunctionArgs } from '@/lib/db/port';
import type { SqlDatabase } from '@/lib/db/pg-driver';
import { ItinerarySearch, type ItineraryQuery } from '@/lib/flights/itinerary-search';
import type { Itinerary } from '@/lib/flights/types';
import { metrics } from '@/lib/metrics/registry';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// Search answers shared by the app's instances (lib/flights/itinerary-search.ts,
// search_itineraries_cached). An "instance" here is what an app process has: its own pool of
// connections and its own in-process cache. On a PostgreSQL server a search one instance made
// answers the same search on another without searching again, concurrent misses on both search
// once, an answer stops being served when it expires by the database's clock, and expired
// answers are swept as new ones are stored. The database's own count of search_itineraries
// calls (pg_stat_user_functions) says how often it really searched. On PGlite every instance
// keeps its own answers.

const onServer = process.env.DB_TARGET === 'postgres';
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const query = (origin: string, destination: string, n: number, adults = 1): ItineraryQuery =>
  ({ origin, destination, date_from: day(n), date_to: day(n), cabin: 'economy', adults, children: 0, infants: 0, max_stops: 1 });

/** traqora_search_cache_total by outcome, as /api/metrics would show it now. */
async function lookups(): Promise<Record<'hit' | 'shared' | 'shared_hit' | 'miss', number>> {
  const metric = metrics().registry.getSingleMetric('traqora_search_cache_total');
  const values = metric ? (await metric.get()).values : [];
  const of = (outcome: string) => values.filter((v) => v.labels.outcome === outcome).reduce((sum, v) => sum + v.value, 0);
  return { hit: of('hit'), shared: of('shared'), shared_hit: of('shared_hit'), miss: of('miss') };
}

async function counted<T>(run: () => Promise<T>): Promise<{ result: T; looked: Awaited<ReturnType<typeof lookups>> }> {
  const before = await lookups();
  const result = await run();
  const after = await lookups();
  return { result, looked: { hit: after.hit - before.hit, shared: after.shared - before.shared, shared_hit: after.shared_hit - before.shared_hit, miss: after.miss - before.miss } };
}

const APP = 'tq-search-instance';
let t: TestDatabase;
let url: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 3 });
  if (!onServer) return;
  // Function call counts for the instances' connections (opened after this).
  const [{ name }] = await t.sql<{ name: string }>('select current_database() as name');
  await t.sql(`alter database ${name} set track_functions = 'pl'`);
  const u = new URL(t.connectionString!);
  u.searchParams.set('application_name', APP);
  url = u.toString();
});
afterAll(async () => { await t?.close(); });

const storedAnswers = async () => (await t.sql<{ n: number }>('select count(*)::int as n from traqora.search_answers'))[0].n;

describe.skipIf(!onServer)('search answers shared by instances on a PostgreSQL server', () => {
  /** How often search_itineraries ran, by the server's statistics. */
  async function searchCalls(): Promise<number> {
    const [{ n }] = await t.sql<{ n: number }>(
      "select coalesce(sum(calls), 0)::int as n from pg_stat_user_functions where schemaname = 'public' and funcname = 'search_itineraries'");
    return n;
  }

  /**
   * Runs `scenario` on two fresh instances and answers what it returned and how often the
   * database searched meanwhile. The instances' connections are closed first: a backend that
   * ends reports its statistics, so the count is complete once none of them is left.
   */
  async function onTwoInstances<T>(scenario: (a: ItinerarySearch, b: ItinerarySearch, pools: SqlDatabase[]) => Promise<T>) {
    const before = await searchCalls();
    const pools = [await openSqlDatabase({ driver: 'postgres', connectionString: url, poolSize: 10 }), await openSqlDatabase({ driver: 'postgres', connectionString: url, poolSize: 10 })];
    let result: T;
    try {
      const [a, b] = pools.map((p) => new ItinerarySearch(async () => p, 60));
      result = await scenario(a, b, pools);
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
    for (let left = 1, tries = 0; left > 0; tries++) {
      if (tries === 600) throw new Error('the instances\' connections did not end within a minute');
      if (tries) await new Promise((r) => setTimeout(r, 100));
      [{ n: left }] = await t.sql<{ n: number }>('select count(*)::int as n from pg_stat_activity where application_name = $1', [APP]);
    }
    return { result, searched: (await searchCalls()) - before };
  }

  const stored = (key: ItineraryQuery) => t.sql<{ ms: number }>(
    `select (extract(epoch from expires_at - clock_timestamp()) * 1000)::int as ms from traqora.search_answers
     where key = jsonb_build_array($1::text, $2::text, $3::date, $4::date, $5::text, $6::int, $7::int, $8::int, $9::int)::text`,
    [key.origin, key.destination, key.date_from, key.date_to, key.cabin, key.adults, key.children, key.infants, key.max_stops]);

  it('answers a search one instance made on the other from the database, without searching again', async () => {
    const q = query('JFK', 'LHR', 1);
    const { result, searched } = await onTwoInstances(async (a, b) => counted(async () => {
      const first = await a.lookup(q).value;
      const second = await b.lookup(q).value;
      return { first, second };
    }));
    expect(result.result.first.length).toBeGreaterThan(0);
    expect(result.result.second).toEqual(result.result.first);
    expect(searched).toBe(1);
    expect(result.looked).toEqual({ hit: 0, shared: 0, shared_hit: 1, miss: 1 });
    // Stored for the TTL from the search, by the database's clock.
    const [row] = await stored(q);
    expect(row.ms).toBeGreaterThan(50_000);
    expect(row.ms).toBeLessThanOrEqual(60_000);
  });

  it('searches once for 20 concurrent misses from two instances', async () => {
    const q = query('ATL', 'LAX', 1, 2);
    const { result, searched } = await onTwoInstances((a, b) => counted(() =>
      Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).lookup(q).value))));
    expect(searched).toBe(1);
    for (const answer of result.result) expect(answer).toEqual(result.result[0]);
    // Each instance asked the database once (its other nine joined that call): one searched,
    // the other waited for it and took the answer it stored.
    expect(result.looked).toEqual({ hit: 0, shared: 18, shared_hit: 1, miss: 1 });
  });

  it('searches once for 20 concurrent calls of the shared level from two pools', async () => {
    const q = query('BOS', 'LHR', 1);
    const { result, searched } = await onTwoInstances((_a, _b, pools) => Promise.all(Array.from({ length: 20 }, (_, i) =>
      pools[i % 2].call<{ searched: boolean; fresh_ms: number; itineraries: Itinerary[] }>('search_itineraries_cached', { ...q, ttl_ms: 60_000 }))));
    expect(searched).toBe(1);
    expect(result.filter((r) => r.searched)).toHaveLength(1);
    for (const r of result) expect(r.itineraries).toEqual(result[0].itineraries);
  });

  it('stops serving an answer when it expires by the database clock, and an instance keeps it no longer', async () => {
    const q = query('JFK', 'LHR', 2);
    const { result, searched } = await onTwoInstances(async (a, b, pools) => {
      await a.lookup(q).value;
      // Two seconds of its minute left: B takes it and keeps it for those two seconds, not a minute.
      await t.sql("update traqora.search_answers set expires_at = clock_timestamp() + interval '2 seconds'");
      const taken = b.lookup(q);
      await taken.value;
      const keptFor = taken.expires - Date.now();
      // Expired: a third instance asking now searches again.
      await t.sql("update traqora.search_answers set expires_at = clock_timestamp() - interval '1 millisecond'");
      const c = new ItinerarySearch(async () => pools[0], 60);
      return { keptFor, looked: (await counted(() => c.lookup(q).value)).looked };
    });
    expect(result.keptFor).toBeLessThanOrEqual(2_000);
    expect(result.looked).toEqual({ hit: 0, shared: 0, shared_hit: 0, miss: 1 });
    expect(searched).toBe(2);
  });

  it('sweeps expired answers a few at a time as answers are stored, and keeps fresh ones', async () => {
    await t.sql('delete from traqora.search_answers');
    await t.sql(`insert into traqora.search_answers (key, answer, expires_at)
      select 'expired ' || i, '[]'::json, clock_timestamp() - interval '1 second' from generate_series(1, 30) i
      union all select 'fresh', '[]'::json, clock_timestamp() + interval '1 minute'`);
    const expired = async () => (await t.sql<{ n: number }>("select count(*)::int as n from traqora.search_answers where key like 'expired %'"))[0].n;
    await t.db.call('search_itineraries_cached', { ...query('LHR', 'JFK', 1), ttl_ms: 60_000 });
    expect(await expired()).toBe(10);
    await t.db.call('search_itineraries_cached', { ...query('LHR', 'JFK', 2), ttl_ms: 60_000 });
    expect(await expired()).toBe(0);
    // The fresh one and the two just stored.
    expect(await storedAnswers()).toBe(3);
  });

  it('refuses a time to keep out of range, naming it', async () => {
    await expect(t.db.call('search_itineraries_cached', { ...query('LHR', 'JFK', 1), ttl_ms: 0 })).rejects.toMatchObject({ status: 400, field: 'ttl_ms' });
  });
});

/** t.db, with the functions each call asked for written down. */
function recorded(): { database: Database; asked: string[] } {
  const asked: string[] = [];
  const database: Database = {
    driver: t.db.driver,
    call: <T, F extends DbFunction>(fn: F, args?: DbFunctionArgs<F>) => { asked.push(fn); return (t.db as Database).call<T, F>(fn, args); },
    close: async () => {},
  };
  return { database, asked };
}

describe.skipIf(onServer)('search answers on PGlite', () => {
  it('stay in each instance: the shared level is a server database\'s', async () => {
    const q = query('JFK', 'LHR', 1);
    const { database, asked } = recorded();
    const [a, b] = [new ItinerarySearch(async () => database, 60), new ItinerarySearch(async () => database, 60)];
    const { result, looked } = await counted(async () => [await a.lookup(q).value, await b.lookup(q).value, await b.lookup(q).value]);
    expect(result[1]).toEqual(result[0]);
    expect(asked).toEqual(['search_itineraries', 'search_itineraries']);
    expect(looked).toEqual({ hit: 1, shared: 0, shared_hit: 0, miss: 2 });
    expect(await storedAnswers()).toBe(0);
  });
});

describe('with SEARCH_CACHE_SECONDS=0', () => {
  it('searches every time, stores nothing at either level and counts nothing', async () => {
    const before = await storedAnswers();
    const { database, asked } = recorded();
    const off = new ItinerarySearch(async () => database, 0);
    const q = query('ATL', 'LAX', 2);
    const { result, looked } = await counted(async () => [await off.lookup(q).value, await off.lookup(q).value]);
    expect(result[0].length).toBeGreaterThan(0);
    expect(asked).toEqual(['search_itineraries', 'search_itineraries']);
    expect(looked).toEqual({ hit: 0, shared: 0, shared_hit: 0, miss: 0 });
    expect(await storedAnswers()).toBe(before);
  });
});
