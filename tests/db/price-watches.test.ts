import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsConsumer } from '@/lib/events/consumers/notifications';
import { runConsumers } from '@/lib/events/runner';
import { createNotifications, itemsForEvent } from '@/lib/notifications/create';
import type { PriceWatch, RouteHistory } from '@/lib/watches/types';
import { nonstop, traveller } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// Price watches (supabase/routines/99_price_watches.sql): a watch is priced by the flights
// domain's own search, samples are stored, and a drop alerts once — through the outbox into a
// `price_alert` notification. The race (the same drop judged by many samplers at once) runs on a
// PostgreSQL server with a pool of 12, where row locks are real.

const onServer = process.env.DB_TARGET === 'postgres';
let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14, poolSize: onServer ? 12 : undefined }); });
afterAll(async () => { await t?.close(); });

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const create = (user: string, watch: Record<string, unknown>, key: string | null = null, hash: string | null = null) =>
  t.db.call<PriceWatch>('create_price_watch', { user_id: user, watch: watch as never, idempotency_key: key, request_hash: hash });
const sample = (id: number, price: number | null) => t.db.call<{ alerted: boolean }>('record_price_sample', { watch_id: id, price_minor: price });
const alerts = (watch: number) => t.sql<{ id: number; payload: Record<string, unknown> }>(
  "select id::int, payload from traqora.domain_events where type = 'price.dropped' and aggregate_id = $1 order by id", [String(watch)]);

describe('price watches', () => {
  it('a new watch is priced at once by the same search a traveller sees', async () => {
    const user = await traveller(t, 'Watcher Wanda');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const w = await create(user, { origin: 'jfk', destination: 'LHR', depart_date: it0.departure_date, cabin: 'economy', adults: 1 });
    expect(w).toMatchObject({ origin: 'JFK', destination: 'LHR', trip: 'one_way', active: true, drop_bps: 1000, alerts: 0 });
    const found = await t.db.call<{ fares: { total_minor: number }[] }[]>('search_itineraries', {
      origin: 'JFK', destination: 'LHR', date_from: it0.departure_date, date_to: it0.departure_date, cabin: 'economy', adults: 1, children: 0, infants: 0, max_stops: 1 });
    expect(w.current_minor).toBe(Math.min(...found.map((f) => f.fares[0].total_minor)));
    expect(w.history).toHaveLength(1);

    // a return watch sums the cheapest outbound and the cheapest return
    const back = await t.db.call<{ fares: { total_minor: number }[] }[]>('search_itineraries', {
      origin: 'LHR', destination: 'JFK', date_from: day(12), date_to: day(12), cabin: 'economy', adults: 2, children: 0, infants: 0, max_stops: 1 });
    const out = await t.db.call<{ fares: { total_minor: number }[] }[]>('search_itineraries', {
      origin: 'JFK', destination: 'LHR', date_from: day(8), date_to: day(10), cabin: 'economy', adults: 2, children: 0, infants: 0, max_stops: 1 });
    const rt = await create(user, { origin: 'JFK', destination: 'LHR', depart_date: day(8), depart_date_to: day(10), return_date: day(12), cabin: 'economy', adults: 2 });
    expect(rt.trip).toBe('return');
    expect(rt.current_minor).toBe(Math.min(...out.map((f) => f.fares[0].total_minor)) + Math.min(...back.map((f) => f.fares[0].total_minor)));
  });

  it('refuses bad watches with the field named, and replays an Idempotency-Key', async () => {
    const user = await traveller(t, 'Careful Carl');
    await expect(create(user, { origin: 'JFK', destination: 'LHR', depart_date: day(-3) })).rejects.toMatchObject({ status: 422, field: 'depart_date' });
    await expect(create(user, { origin: 'JFK', destination: 'XXX', depart_date: day(5) })).rejects.toMatchObject({ status: 422, field: 'destination' });
    await expect(create(user, { origin: 'JFK', destination: 'LHR', depart_date: day(5), return_date: day(4) })).rejects.toMatchObject({ status: 422, field: 'return_date' });
    const a = await create(user, { origin: 'JFK', destination: 'LHR', depart_date: day(5) }, 'key-watch-1', 'h1');
    const b = await create(user, { origin: 'JFK', destination: 'LHR', depart_date: day(5) }, 'key-watch-1', 'h1');
    expect(b).toMatchObject({ id: a.id, replayed: true });
    await expect(create(user, { origin: 'JFK', destination: 'CDG', depart_date: day(5) }, 'key-watch-1', 'h2')).rejects.toMatchObject({ status: 422, field: 'Idempotency-Key' });
    const [{ n }] = await t.sql<{ n: number }>('select count(*)::int as n from traqora.price_watches where user_id = $1', [user]);
    expect(n).toBe(1);
  });

  it('another traveller cannot see, edit or delete a watch', async () => {
    const owner = await traveller(t, 'Owner Olga');
    const other = await traveller(t, 'Other Otto');
    const w = await create(owner, { origin: 'JFK', destination: 'LHR', depart_date: day(6) });
    await expect(t.db.call('get_price_watch', { user_id: other, id: w.id })).rejects.toMatchObject({ status: 404 });
    await expect(t.db.call('update_price_watch', { user_id: other, id: w.id, patch: { target_minor: 1 } as never })).rejects.toMatchObject({ status: 404 });
    await expect(t.db.call('delete_price_watch', { user_id: other, id: w.id })).rejects.toMatchObject({ status: 404 });
    const page = await t.db.call<{ data: PriceWatch[] }>('list_price_watches', { user_id: other, cursor: null, limit: 10 });
    expect(page.data).toEqual([]);
  });

  it('a drop by the set percentage alerts once; re-runs and smaller moves do not; a new drop after a rise does', async () => {
    const user = await traveller(t, 'Drop Dora');
    const w = await create(user, { origin: 'JFK', destination: 'LHR', depart_date: day(9), drop_bps: 1000 });
    // prices far above any seeded fare, so the real price sampled on creation is not the reference
    await sample(w.id, 1_000_000);   // the highest since creation becomes the reference
    expect(await sample(w.id, 920_000)).toEqual({ alerted: false });   // 8 % down
    expect(await sample(w.id, 900_000)).toEqual({ alerted: true });    // 10 % down from 1,000,000
    expect(await sample(w.id, 900_000)).toEqual({ alerted: false });   // the same price again
    expect(await sample(w.id, 880_000)).toEqual({ alerted: false });   // only 2 % under the alerted price
    expect(await sample(w.id, null)).toEqual({ alerted: false });      // nothing for sale
    expect(await sample(w.id, 1_040_000)).toEqual({ alerted: false }); // back up: the new reference
    expect(await sample(w.id, 936_000)).toEqual({ alerted: true });    // 10 % under 1,040,000
    const events = await alerts(w.id);
    expect(events.map((e) => [e.payload.price_minor, e.payload.from_minor, e.payload.reason])).toEqual([[900_000, 1_000_000, 'drop'], [936_000, 1_040_000, 'drop']]);
    const after = await t.db.call<PriceWatch>('get_price_watch', { user_id: user, id: w.id });
    expect(after).toMatchObject({ alerts: 2, current_minor: 936_000 });
    expect(after.volatility_bps).toBeGreaterThan(0);
  });

  it('crossing the target alerts once, and again only after the price rose above it', async () => {
    const user = await traveller(t, 'Target Tom');
    const w = await create(user, { origin: 'JFK', destination: 'LHR', depart_date: day(9), target_minor: 40_000, drop_bps: 9000 });
    await sample(w.id, 42_000);
    expect(await sample(w.id, 39_900)).toEqual({ alerted: true });
    expect(await sample(w.id, 39_800)).toEqual({ alerted: false });
    expect(await sample(w.id, 41_000)).toEqual({ alerted: false });
    expect(await sample(w.id, 40_000)).toEqual({ alerted: true });
    // editing the target judges it afresh with a fresh sample: the real fare is above 45,000 ...
    const edited = await t.db.call<PriceWatch>('update_price_watch', { user_id: user, id: w.id, patch: { target_minor: 45_000 } as never });
    expect(edited.current_minor).toBeGreaterThan(45_000);
    expect(await sample(w.id, 40_000)).toEqual({ alerted: true });
    // ... and a target above it alerts at once
    const above = await t.db.call<PriceWatch>('update_price_watch', { user_id: user, id: w.id, patch: { target_minor: 10_000_000 } as never });
    expect(above.alerts).toBe(4);
    expect((await alerts(w.id)).map((e) => e.payload.reason)).toEqual(['target', 'target', 'target', 'target']);
  });

  it('an alert becomes one price_alert notification linking to the search, however often the event is handled', async () => {
    const user = await traveller(t, 'Notified Nina');
    const w = await create(user, { origin: 'JFK', destination: 'LHR', depart_date: day(9), target_minor: 30_000 });
    await sample(w.id, 29_000);
    await runConsumers(t.db, [notificationsConsumer(async () => t.db)]);
    // the same event handled again (at-least-once delivery) creates nothing more
    const [event] = await alerts(w.id);
    await createNotifications(t.db, itemsForEvent({ id: event.id, type: 'price.dropped', payload: event.payload }));
    const list = await t.db.call<{ data: { type: string; title: string; link: string; body: string }[] }>('list_notifications', { user_id: user, limit: 10 });
    const mine = list.data.filter((n) => n.type === 'price_alert');
    expect(mine).toHaveLength(1);
    expect(mine[0].title).toBe('JFK–LHR is down to US$290.00');
    expect(mine[0].link).toBe(`/search?from=JFK&to=LHR&date=${day(9)}&cabin=economy`);
    expect(mine[0].body).toContain('under your target of US$300.00');
  });

  it('the sampler takes due watches only, switches off watches whose dates passed, and keeps route history', async () => {
    const user = await traveller(t, 'Sampler Sam');
    const w = await create(user, { origin: 'JFK', destination: 'LHR', depart_date: day(10) });
    await t.sql('update traqora.price_watches set depart_date = current_date - 2, depart_date_to = current_date - 1 where user_id = $1', [user]);
    const due = await t.db.call<{ sampled: number; expired: number }>('sample_price_watches', { limit: 500, min_age_seconds: 0 });
    expect(due.expired).toBeGreaterThanOrEqual(1);
    expect((await t.db.call<PriceWatch>('get_price_watch', { user_id: user, id: w.id })).active).toBe(false);
    const again = await t.db.call<{ sampled: number }>('sample_price_watches', { limit: 500, min_age_seconds: 3600 });
    expect(again.sampled).toBe(0);   // everything was sampled just now

    const history = await t.db.call<RouteHistory>('route_price_history', { origin: 'JFK', destination: 'LHR', cabin: 'economy', date: day(9), days: 60 });
    expect(history.history.length).toBeGreaterThanOrEqual(1);
    expect(history.insight).toBeNull();   // fewer than 5 days: too little to judge
    const seeded = await t.db.call<{ rows: number }>('seed_route_price_history', { days: 30, routes: 5 });
    expect(seeded.rows).toBeGreaterThan(0);
    const [route] = await t.sql<{ origin: string; destination: string }>(
      'select origin, destination from traqora.route_price_history group by 1, 2 having count(*) >= 30 order by 1, 2 limit 1');
    const judged = await t.db.call<RouteHistory>('route_price_history', { origin: route.origin, destination: route.destination, cabin: 'economy', date: day(7), days: 60 });
    expect(judged.history.length).toBeGreaterThanOrEqual(30);
    expect(['low', 'typical', 'high']).toContain(judged.insight);
    expect(judged.typical_low_minor!).toBeLessThanOrEqual(judged.typical_high_minor!);
  });
});

describe.skipIf(!onServer)('price alerts under concurrency (PostgreSQL server)', () => {
  it('twelve samplers judging the same drop at once alert exactly once', async () => {
    const user = await traveller(t, 'Race Rita');
    const w = await create(user, { origin: 'JFK', destination: 'LHR', depart_date: day(9), drop_bps: 1000 });
    await sample(w.id, 1_200_000);
    const results = await Promise.all(Array.from({ length: 12 }, () => sample(w.id, 1_000_000)));
    expect(results.filter((r) => r.alerted)).toHaveLength(1);
    expect(await alerts(w.id)).toHaveLength(1);
    // and the sampler itself, run by several instances at once, takes each watch once
    await t.sql('update traqora.price_watches set last_sampled_at = null where id = $1', [w.id]);
    const runs = await Promise.all(Array.from({ length: 6 }, () => t.db.call<{ sampled: number }>('sample_price_watches', { limit: 1000, min_age_seconds: 3600 })));
    const [{ n }] = await t.sql<{ n: number }>("select count(*)::int as n from traqora.price_samples where watch_id = $1 and sampled_at > now() - interval '1 minute'", [w.id]);
    expect(runs.reduce((s, r) => s + r.sampled, 0)).toBeGreaterThanOrEqual(1);
    expect(n).toBe(15);   // 1 on create + 1 + 12 racing + exactly 1 by the samplers
  });
});
