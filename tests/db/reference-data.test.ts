import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseProblem } from '@/lib/db/port';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 3 }); });
afterAll(async () => { await t?.close(); });

describe('reference data', () => {
  it('loads real airports, each with a valid IANA time zone', async () => {
    const [{ n }] = await t.sql<{ n: number }>('select count(*)::int as n from traqora.airports');
    expect(n).toBeGreaterThanOrEqual(700);
    const bad = await t.sql(`select iata, time_zone from traqora.airports a
      where not exists (select 1 from pg_timezone_names z where z.name = a.time_zone)`);
    expect(bad).toEqual([]);
    const [lhr] = await t.sql<{ city: string; time_zone: string; country: string }>("select city, time_zone, country from traqora.airports where iata = 'LHR'");
    expect(lhr).toEqual({ city: 'London', time_zone: 'Europe/London', country: 'United Kingdom' });
  });

  it('loads active airlines and routes flown by them between known airports', async () => {
    const [{ airlines, routes, orphan }] = await t.sql<{ airlines: number; routes: number; orphan: number }>(`
      select (select count(*)::int from traqora.airlines) as airlines,
             (select count(*)::int from traqora.routes) as routes,
             (select count(*)::int from traqora.routes r where not exists (select 1 from traqora.airlines a where a.iata = r.airline)) as orphan`);
    expect(airlines).toBeGreaterThan(500);
    expect(routes).toBeGreaterThan(400);
    expect(orphan).toBe(0);
  });

  it('is idempotent: seeding again adds nothing', async () => {
    const { seed } = await import('@/lib/db/seed');
    const before = await t.sql<{ n: number }>('select count(*)::int as n from traqora.flights');
    const again = await seed(t.db.sql, 3);
    expect(again).toEqual({ reference: false, flights: 0 });
    expect(await t.sql('select count(*)::int as n from traqora.flights')).toEqual(before);
  });
});

describe('schedule', () => {
  it('generates plausible flights: local departure banks, block times from distance, seats per cabin', async () => {
    const rows = await t.sql<{ origin: string; destination: string; local_minute: number; block: number; distance_km: number; economy: number; business: number | null }>(`
      select f.origin, f.destination,
             extract(hour from f.departs_at at time zone o.time_zone)::int * 60 + extract(minute from f.departs_at at time zone o.time_zone)::int as local_minute,
             extract(epoch from f.arrives_at - f.departs_at)::int / 60 as block, r.distance_km,
             (select base_fare_minor from traqora.flight_cabins c where c.flight_id = f.id and c.cabin = 'economy')::int as economy,
             (select base_fare_minor from traqora.flight_cabins c where c.flight_id = f.id and c.cabin = 'business')::int as business
      from traqora.flights f join traqora.routes r on r.id = f.route_id join traqora.airports o on o.iata = f.origin`);
    expect(rows.length).toBeGreaterThan(1000);
    for (const r of rows) {
      expect(r.local_minute).toBeGreaterThanOrEqual(6 * 60);           // no departures before 06:00 local
      expect(r.local_minute).toBeLessThanOrEqual(23 * 60 + 55);
      const cruise = (r.distance_km / 820) * 60;
      expect(r.block).toBeGreaterThanOrEqual(cruise + 30);
      expect(r.block).toBeLessThan(cruise + 36);
      expect(r.economy % 100).toBe(0);                                // whole-dollar fares in cents
      if (r.business !== null) expect(r.business).toBeGreaterThan(r.economy);
    }
  });

  it('starts every cabin with all seats available, within the aircraft capacity', async () => {
    const [{ bad }] = await t.sql<{ bad: number }>('select count(*)::int as bad from traqora.flight_cabins where seats_available <> capacity');
    expect(bad).toBe(0);
    await expect(t.sql('update traqora.flight_cabins set seats_available = -1 where flight_id = (select min(flight_id) from traqora.flight_cabins)'))
      .rejects.toThrow(/check constraint/);
  });

  it('is deterministic: the same day generated into another database gives the same flights', async () => {
    const other = await (await import('@/tests/support/database')).openTestDatabase({ seed: true, scheduleDays: 1 });
    try {
      const q = `select airline, flight_number, origin, destination, departs_at, aircraft from traqora.flights
                 where departure_date = current_date + 1 order by airline, flight_number`;
      // the other database generated [today, today+1) only; compare tomorrow's by regenerating it there
      await other.sql('select traqora.generate_schedule(current_date + 1, 1)');
      expect(await other.sql(q)).toEqual(await t.sql(q));
    } finally {
      await other.close();
    }
  });

  it('fills the rest of the horizon one whole day per step, answering a request made meanwhile before the next step', async () => {
    const { fillSchedule } = await import('@/lib/db/schedule-fill');
    const { trackActivity } = await import('@/lib/db/activity');
    const { sql: requests, activity } = trackActivity(t.db.sql);
    const order: string[] = [];
    const steps: number[] = [];
    const added = await fillSchedule(t.db.sql, 6, 4, {
      activity, quietMs: 20,
      onStep: (horizon, inserted) => {
        order.push(`day ${horizon - 1}`);
        steps.push(inserted);
        if (horizon === 4) void requests.query('select count(*) from traqora.flights').then(() => order.push('request'));
      },
    });
    expect(order).toEqual(['day 3', 'request', 'day 4', 'day 5']);
    const days = await t.sql<{ day: number; n: number }>(`select departure_date - current_date as day, count(*)::int as n
      from traqora.flights where departure_date >= current_date + 3 group by 1 order by 1`);
    // each step wrote exactly its own day (no re-generation of the day before), all of it
    expect(days.map((d) => d.day)).toEqual([3, 4, 5]);
    expect(days.map((d) => d.n)).toEqual(steps);
    expect(added).toBe(steps.reduce((a, b) => a + b, 0));
  });

  it('fills 120 days ahead with at least 10,000 flights, step by step', async () => {
    const { extendSchedule } = await import('@/lib/db/seed');
    await extendSchedule(t.db.sql, 120);
    const [{ flights, first, last }] = await t.sql<{ flights: number; first: string; last: string }>(`
      select count(*)::int as flights, (min(departure_date) - current_date)::int as first, (max(departure_date) - current_date)::int as last
      from traqora.flights`);
    expect(flights).toBeGreaterThanOrEqual(10_000);
    expect(first).toBeLessThanOrEqual(0);
    expect(last).toBe(119);
    // every flight has its cabins
    const [{ bare }] = await t.sql<{ bare: number }>('select count(*)::int as bare from traqora.flights f where not exists (select 1 from traqora.flight_cabins c where c.flight_id = f.id)');
    expect(bare).toBe(0);
    // ~100 s of PGlite work when the machine is shared (CI runs it beside other suites); the default
    // 120 s left no margin and failed CI at load ~30. Its speed is bench/'s business, not this test's.
  }, 360_000);

  it('refuses an out-of-range horizon with a problem naming the field', async () => {
    await expect(t.db.call('extend_schedule', { days: 0 })).rejects.toMatchObject({ status: 400, field: 'days' });
    await expect(t.db.call('extend_schedule', { days: 0 })).rejects.toBeInstanceOf(DatabaseProblem);
  });
});

describe('search_airports', () => {
  it('puts an exact IATA code first', async () => {
    const res = await t.db.call<{ iata: string }[]>('search_airports', { query: 'lhr', limit: 5 });
    expect(res[0].iata).toBe('LHR');
  });

  it('finds a city’s airports by prefix, with name, country and time zone', async () => {
    const res = await t.db.call<{ iata: string; city: string; country: string; time_zone: string }[]>('search_airports', { query: 'Lond', limit: 8 });
    expect(res.map((a) => a.iata)).toEqual(expect.arrayContaining(['LHR', 'LGW', 'STN']));
    expect(res.every((a) => a.city === 'London' && a.time_zone === 'Europe/London')).toBe(true);
  });

  it('tolerates typos (pg_trgm), ranking near misses after every exact, prefix and substring match', async () => {
    const londn = await t.db.call<{ iata: string; city: string }[]>('search_airports', { query: 'londn', limit: 8 });
    expect(londn[0].city).toBe('London');
    expect(londn.map((a) => a.iata)).toEqual(expect.arrayContaining(['LHR', 'LGW']));
    const frankfurt = await t.db.call<{ iata: string }[]>('search_airports', { query: 'frnkfurt', limit: 5 });
    expect(frankfurt[0].iata).toBe('FRA');
    expect((await t.db.call<{ iata: string }[]>('search_airports', { query: 'heatrow', limit: 5 }))[0].iata).toBe('LHR');
    // A real prefix match outranks a closer-looking typo match.
    const paris = await t.db.call<{ iata: string; city: string }[]>('search_airports', { query: 'pari', limit: 20 });
    const firstNotParis = paris.findIndex((a) => !a.city.toLowerCase().startsWith('pari'));
    expect(paris.slice(0, firstNotParis === -1 ? undefined : firstNotParis).length).toBeGreaterThan(0);
    expect(paris.slice(firstNotParis === -1 ? paris.length : firstNotParis).every((a) => !a.city.toLowerCase().startsWith('pari'))).toBe(true);
    // Codes are never fuzzy: a typo'd code finds nothing by code.
    expect((await t.db.call<{ iata: string }[]>('search_airports', { query: 'lhx', limit: 5 })).map((a) => a.iata)).not.toContain('LHR');
  });

  it('answers an empty list for blank or unmatched text, and caps the limit at 20', async () => {
    expect(await t.db.call('search_airports', { query: '   ', limit: 5 })).toEqual([]);
    expect(await t.db.call('search_airports', { query: 'zzzzqx', limit: 5 })).toEqual([]);
    expect((await t.db.call<unknown[]>('search_airports', { query: 'a', limit: 500 })).length).toBe(20);
  });
});
