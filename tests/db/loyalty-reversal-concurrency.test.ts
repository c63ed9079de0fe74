import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CancellationQuote } from '@/lib/bookings/types';
import { openSqlDatabase } from '@/lib/db/open';
import type { SqlDatabase } from '@/lib/db/pg-driver';
import { loyaltyConsumer } from '@/lib/events/consumers/loyalty';
import { runConsumers } from '@/lib/events/runner';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { balanceMismatches, paidBooking, runLoyalty, seededPoints, summary } from '@/tests/support/loyalty-fixtures';

// A cancellation reverses earned points once under concurrent event delivery (issue #11, "Tests
// and measures"), which only a PostgreSQL server can stage: two app instances (their own pools)
// run the loyalty consumer with leases short enough to run out mid-batch while stray
// re-deliveries of the same booking.cancelled events hit the database function 20 at a time.
// Full and partial refunds both: the reversal is in proportion to the money refunded, and the
// rest of the pending points becomes active, exactly once. CI always runs this (TEST_DATABASE_URL).
const onServer = process.env.DB_TARGET === 'postgres';

describe.skipIf(!onServer)('loyalty reversals on a PostgreSQL server', () => {
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

  it('cancelled bookings reverse their pending points once, in proportion to the refund, under concurrent event delivery', async () => {
    const users = await Promise.all(['Ada', 'Grace', 'Edsger'].map((n) => traveller(t, `Canceller ${n}`)));
    const out = await nonstop(t, 'JFK', 'LHR');
    const back = await nonstop(t, 'LHR', 'JFK');
    // flex refunds in full; standard keeps a fee, so part of its points stays earned
    const bookings = [];
    for (const user of users) {
      for (const [it0, family] of [[out, 'flex'], [back, 'standard']] as const) {
        bookings.push({ user, family, booking: await paidBooking(t, user, it0, family) });
      }
    }
    await runLoyalty(t);
    for (const { user } of bookings) expect((await summary(t, user)).points.pending).toBeGreaterThan(0);

    const refunds = new Map<string, number>();
    for (const { user, booking } of bookings) {
      const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
      await t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id });
      refunds.set(booking.id, quote.refund_minor);
    }
    expect(bookings.some((b) => refunds.get(b.booking.id)! < b.booking.price.total_minor)).toBe(true);   // a partial refund is in the mix
    const ids = bookings.map((b) => b.booking.id);
    const cancelled = (await t.sql<{ id: number }>(
      "select id from traqora.domain_events where type = 'booking.cancelled' and aggregate_id = any($1::text[]) order by id", [ids])).map((r) => r.id);
    expect(cancelled).toHaveLength(bookings.length);

    const settled = async () => (await t.sql<{ n: number }>(
      "select count(*)::int as n from traqora.loyalty_bookings where booking_id = any($1::uuid[]) and status = 'reversed'", [ids]))[0].n === ids.length;
    const instance = async (db: SqlDatabase) => {
      const consumer = loyaltyConsumer(async () => db);
      const deadline = Date.now() + 60_000;
      while (!(await settled()) && Date.now() < deadline) {
        await runConsumers(db, [consumer], { batchSize: 2, maxBatches: 1, leaseSeconds: 1 });
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const hammer = (db: SqlDatabase) =>
      Promise.all(cancelled.flatMap((id) => Array.from({ length: 20 }, () => db.call('loyalty_handle_event', { event_id: id }))));
    await Promise.all([instance(one), instance(two), hammer(one), hammer(two)]);
    expect(await settled()).toBe(true);

    for (const { user, family, booking } of bookings) {
      const points = seededPoints(booking.price.base_minor, family);
      const credits = Math.floor(booking.price.base_minor / 100);
      const share = (n: number) => Math.round(n * refunds.get(booking.id)! / booking.price.total_minor);
      const reversals = await t.sql<{ currency: string; amount: number; n: number }>(
        `select currency, sum(amount)::int as amount, count(*)::int as n from traqora.loyalty_ledger
         where member_id = $1 and source_ref = $2 and source = 'reversal' group by currency order by currency`, [user, booking.id]);
      // one reversal row per currency, never two
      expect(reversals).toEqual([
        { currency: 'points', amount: -share(points), n: 1 },
        { currency: 'tier_credits', amount: -share(credits), n: 1 },
      ]);
      const [state] = await t.sql<{ pending: number; active: number }>(
        `select coalesce(sum(amount) filter (where state = 'pending'), 0)::int as pending, coalesce(sum(amount) filter (where state = 'active'), 0)::int as active
         from traqora.loyalty_ledger where member_id = $1 and source_ref = $2 and currency = 'points'`, [user, booking.id]);
      expect(state).toEqual({ pending: 0, active: points - share(points) });
    }
    for (const user of users) {
      const mine = bookings.filter((b) => b.user === user);
      const kept = mine.reduce((s, b) => {
        const points = seededPoints(b.booking.price.base_minor, b.family);
        return s + points - Math.round(points * refunds.get(b.booking.id)! / b.booking.price.total_minor);
      }, 0);
      expect((await summary(t, user)).points).toEqual({ active: kept, pending: 0 });
    }
    const [{ reversed }] = await t.sql<{ reversed: number }>(
      "select count(*)::int as reversed from traqora.domain_events where aggregate_type = 'member' and type = 'loyalty.points_reversed'");
    expect(reversed).toBe(bookings.length);
    expect(await balanceMismatches(t)).toEqual([]);
    expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
  });
});
