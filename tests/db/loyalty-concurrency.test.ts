import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlDatabase } from '@/lib/db/open';
import type { SqlDatabase } from '@/lib/db/pg-driver';
import { loyaltyConsumer } from '@/lib/events/consumers/loyalty';
import { runConsumers } from '@/lib/events/runner';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { balanceMismatches, paidBooking, seededPoints, summary } from '@/tests/support/loyalty-fixtures';

// Earning exactly once under concurrent delivery, which only a PostgreSQL server can stage: two
// app instances (their own pools) running the loyalty consumer with leases short enough to run
// out mid-batch, while stray re-deliveries of the same events hit the database function 20 at a
// time and the release job completes the bookings. CI always runs this (TEST_DATABASE_URL).
const onServer = process.env.DB_TARGET === 'postgres';

describe.skipIf(!onServer)('loyalty on a PostgreSQL server', () => {
  let one: SqlDatabase;
  let two: SqlDatabase;
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase({ seed: true, scheduleDays: 14, poolSize: 20 });
    one = t.db;
    two = await openSqlDatabase({ driver: 'postgres', connectionString: t.connectionString, migrate: true, poolSize: 20 });
  });
  afterAll(async () => {
    await two?.close();
    await t?.close();
  });

  it('bookings paid, flown and released earn exactly once under concurrent event delivery', async () => {
    const users = await Promise.all(['Ada', 'Grace', 'Edsger'].map((n) => traveller(t, `Racer ${n}`)));
    const out = await nonstop(t, 'JFK', 'LHR');
    const back = await nonstop(t, 'LHR', 'JFK');
    const bookings = [];
    for (const user of users) {
      for (const [it0, family] of [[out, 'standard'], [back, 'flex'], [out, 'basic']] as const) {
        bookings.push({ user, family, booking: await paidBooking(t, user, it0, family) });
      }
    }
    const ids = bookings.map((b) => b.booking.id);
    const eventIds = async (type: string) => (await t.sql<{ id: number }>(
      'select id from traqora.domain_events where type = $1 and aggregate_id = any($2::text[]) order by id', [type, ids])).map((r) => r.id);
    const paid = await eventIds('booking.paid');
    expect(paid).toHaveLength(bookings.length);
    await t.sql("update traqora.flights set departs_at = now() - interval '10 hours', arrives_at = now() - interval '3 hours' where id = any($1::bigint[])",
      [[...out.flight_ids, ...back.flight_ids]]);

    const settled = async () => (await t.sql<{ n: number }>(
      "select count(*)::int as n from traqora.loyalty_bookings where booking_id = any($1::uuid[]) and status = 'active'", [ids]))[0].n === ids.length;
    const instance = async (db: SqlDatabase) => {
      const consumer = loyaltyConsumer(async () => db);
      const deadline = Date.now() + 60_000;
      while (!(await settled()) && Date.now() < deadline) {
        await runConsumers(db, [consumer], { batchSize: 3, maxBatches: 1, leaseSeconds: 1 });
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const hammer = (db: SqlDatabase, events: number[]) =>
      Promise.all(events.flatMap((id) => Array.from({ length: 20 }, () => db.call('loyalty_handle_event', { event_id: id }))));

    const release = one.call('release_flown_bookings', {});
    await Promise.all([
      instance(one), instance(two),
      hammer(two, paid),
      release.then(async () => hammer(one, await eventIds('booking.completed'))),
    ]);
    expect(await settled()).toBe(true);

    for (const { user, family, booking } of bookings) {
      const rows = await t.sql<{ currency: string; state: string; amount: number; n: number }>(
        `select currency, state, sum(amount)::int as amount, count(*) filter (where amount > 0)::int as n
         from traqora.loyalty_ledger where member_id = $1 and source_ref = $2 group by currency, state order by currency, state`, [user, booking.id]);
      const points = seededPoints(booking.price.base_minor, family);
      const credits = Math.floor(booking.price.base_minor / 100);
      // pending nets to zero, active holds the earn once; one credit row per state at most
      expect(rows.filter((r) => r.state === 'pending').every((r) => r.amount === 0 && r.n === 1)).toBe(true);
      expect(rows.filter((r) => r.state === 'active')).toEqual([
        { currency: 'points', state: 'active', amount: points, n: 1 },
        { currency: 'tier_credits', state: 'active', amount: credits, n: 1 },
      ]);
    }
    for (const user of users) {
      const mine = bookings.filter((b) => b.user === user);
      expect((await summary(t, user)).points).toEqual({ active: mine.reduce((s, b) => s + seededPoints(b.booking.price.base_minor, b.family), 0), pending: 0 });
    }
    const [{ earned, activated }] = await t.sql<{ earned: number; activated: number }>(`select
      count(*) filter (where type = 'loyalty.points_earned')::int as earned, count(*) filter (where type = 'loyalty.points_activated')::int as activated
      from traqora.domain_events where aggregate_type = 'member'`);
    expect(earned).toBe(bookings.length);
    expect(activated).toBeLessThanOrEqual(bookings.length);   // none for a booking whose completion was handled before its payment
    expect(await balanceMismatches(t)).toEqual([]);
    expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
  });
});
