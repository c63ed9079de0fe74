import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteHistory } from '@/lib/watches/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// Demo price history on demand (route_price_history_demo, supabase/routines/99_price_watches.sql):
// where the demo schedule is seeded, any route searched gets a history chart the first time it
// is asked, made in the same call around the fare the call prices anyway, once per route and
// cabin; a deployment (route_price_history) never invents history.

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14 }); });
afterAll(async () => { await t?.close(); });

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const ask = (fn: 'route_price_history' | 'route_price_history_demo', origin: string, destination: string, cabin = 'economy', date = day(9)) =>
  t.db.call<RouteHistory>(fn, { origin, destination, cabin, date, days: 60 });
const rows = async (origin: string, destination: string, cabin: string) =>
  (await t.sql<{ n: number }>('select count(*)::int as n from traqora.route_price_history where origin = $1 and destination = $2 and cabin = $3', [origin, destination, cabin]))[0].n;
const ms = async <T>(f: () => Promise<T>): Promise<[T, number]> => { const at = performance.now(); const r = await f(); return [r, performance.now() - at]; };

describe('demo route history on demand', () => {
  it('a route asked for the first time gets 45 days around today\u2019s fare and an insight; asked again, nothing more is made', async () => {
    expect((await ask('route_price_history', 'LAX', 'JFK')).history).toEqual([]);   // a deployment's answer: no invented history
    const first = await ask('route_price_history_demo', 'lax', 'jfk');
    expect(first).toMatchObject({ origin: 'LAX', destination: 'JFK', cabin: 'economy', current_minor: expect.any(Number), insight: expect.stringMatching(/^(low|typical|high)$/) });
    expect(first.history).toHaveLength(45);
    const prices = first.history.map((h) => h.price_minor);
    // a wave of ±17 % at most around the fare the call priced
    expect(Math.min(...prices)).toBeGreaterThanOrEqual(Math.floor(first.current_minor! * 0.82));
    expect(Math.max(...prices)).toBeLessThanOrEqual(Math.ceil(first.current_minor! * 1.18));
    expect(first.history.at(-1)!.date).toBe(day(-1));

    const again = await ask('route_price_history_demo', 'LAX', 'JFK', 'economy', day(10));
    expect(again.history).toEqual(first.history);
    expect(await rows('LAX', 'JFK', 'economy')).toBe(45);
    // the plain function now sees the same history
    expect((await ask('route_price_history', 'LAX', 'JFK')).history).toEqual(first.history);
  });

  it('is per cabin, makes nothing for a route with no fare that day, and refuses a bad cabin naming it', async () => {
    const business = await ask('route_price_history_demo', 'LAX', 'JFK', 'business');
    expect(business.history).toHaveLength(45);
    expect(business.current_minor!).toBeGreaterThan((await ask('route_price_history', 'LAX', 'JFK')).current_minor!);
    const nowhere = await ask('route_price_history_demo', 'JFK', 'ZZZ');   // no airport, no fares
    expect(nowhere).toMatchObject({ history: [], current_minor: null, insight: null });
    expect(await rows('JFK', 'ZZZ', 'economy')).toBe(0);
    const past = await ask('route_price_history_demo', 'SFO', 'JFK', 'economy', day(-3));   // no fare to centre on
    expect(past.history).toEqual([]);
    await expect(ask('route_price_history_demo', 'LAX', 'JFK', 'coach')).rejects.toMatchObject({ status: 400, field: 'cabin' });
  });

  it('making it adds one insert to the ask: well under 50 ms', async () => {
    // the only work the demo ask adds to route_price_history is this insert (the fare it centres
    // on is the one the ask prices anyway); timed alone, since whole asks vary with the load
    const took: number[] = [];
    for (const [from, to] of [['LHR', 'JFK'], ['JFK', 'SFO'], ['SFO', 'LAX'], ['JFK', 'LAX'], ['LAX', 'SFO'], ['SFO', 'JFK'], ['JFK', 'LHR']]) {
      const [[made], elapsed] = await ms(() => t.sql<{ n: number }>("select traqora.demo_route_history_rows($1, $2, 'first', 250000, 45) as n", [from, to]));
      expect(made.n).toBe(45);
      took.push(elapsed);
    }
    const median = took.sort((a, b) => a - b)[Math.floor(took.length / 2)];
    console.log(`demo history for one route: median ${median.toFixed(1)} ms (${took.map((x) => x.toFixed(1)).join(', ')})`);
    expect(median).toBeLessThan(50);
  });
});
