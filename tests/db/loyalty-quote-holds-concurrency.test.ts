import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '@/lib/bookings/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { traveller } from '@/tests/support/booking-fixtures';
import { balanceMismatches, summary } from '@/tests/support/loyalty-fixtures';
import { heldBooking, holdForQuote, payOnChain, quoteRef, type QuoteHold } from '@/tests/support/quote-hold-fixtures';

// Points held for wallet payments under concurrency, which only a PostgreSQL server can stage:
// one member signs quotes with points for 20 bookings at once (two quotes each: the slider
// moved) and each booking's wallet payment is confirmed as soon as its quote is signed, from a
// pool of 20 connections. The member's row lock serialises the holds and the spends: at no point
// is more held or spent than the balance, every confirmed payment spends at most one hold, and
// the points spent equal the redemptions recorded. CI always runs this (TEST_DATABASE_URL).
const onServer = process.env.DB_TARGET === 'postgres';

describe.skipIf(!onServer)('quote holds on a PostgreSQL server', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14, poolSize: 20 }); });
  afterAll(async () => { await t?.close(); });

  it('20 concurrent quote holds and confirmations by one member never hold or spend more than the balance', async () => {
    const balance = 10_000;
    const ask = 3000;   // three fit at once, never four
    const user = await traveller(t, 'Concurrent wallet payer');
    const admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Rewards admin' })).id;
    await t.db.call('loyalty_adjust', { ctx: { actor: admin, role: 'admin', reason: 'Points for the test', ip: null, request_id: 'holds-concurrency' },
      user_id: user, points: balance, key: `holds-concurrency-${user}` });
    const bookings: Booking[] = [];
    for (let i = 0; i < 20; i++) bookings.push(await heldBooking(t, user));
    // open all 20 connections first, so the calls below really run at once
    await Promise.all(Array.from({ length: 20 }, () => t.sql('select pg_sleep(0.05)')));

    // every few milliseconds: what is held and spent may never exceed the balance
    let watching = true;
    const peaks: number[] = [];
    const watcher = (async () => {
      while (watching) {
        const [row] = await t.sql<{ n: number }>(
          "select coalesce(sum(points) filter (where status in ('held', 'spent') and shortfall_points = 0), 0)::int as n from traqora.loyalty_quote_holds where member_id = $1", [user]);
        peaks.push(row.n);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();

    const outcomes = await Promise.allSettled(bookings.map(async (b) => {
      // two signed quotes for the booking; the wallet sends the second one it got
      const quotes = await Promise.allSettled([holdForQuote(t, user, b, ask, { ref: quoteRef() }), holdForQuote(t, user, b, ask, { ref: quoteRef() })]);
      const held = quotes.flatMap((q) => (q.status === 'fulfilled' ? [q.value] : []));
      for (const q of quotes) if (q.status === 'rejected') expect(q.reason).toMatchObject({ status: 409, field: 'points' });
      const sent: QuoteHold | undefined = held[held.length - 1];
      await payOnChain(t, user, b, sent?.quote_ref ?? null);
      return sent;
    }));
    watching = false;
    await watcher;

    expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
    const spent = outcomes.flatMap((o) => (o.status === 'fulfilled' && o.value ? [o.value] : []));
    expect(spent.length).toBeGreaterThan(0);
    expect(spent.length).toBeLessThanOrEqual(Math.floor(balance / ask));
    expect(Math.max(...peaks)).toBeLessThanOrEqual(balance);

    const [after] = await t.sql<{ spent: number; held: number; redeemed: number; lines: number; paid: number; per_booking: number }>(`select
      (select coalesce(sum(points), 0)::int from traqora.loyalty_quote_holds where member_id = $1 and status = 'spent') as spent,
      (select coalesce(sum(points), 0)::int from traqora.loyalty_quote_holds where member_id = $1 and status = 'held') as held,
      (select coalesce(sum(points), 0)::int from traqora.loyalty_redemptions where member_id = $1) as redeemed,
      (select -coalesce(sum(amount), 0)::int from traqora.loyalty_ledger where member_id = $1 and source = 'redemption') as lines,
      (select count(*)::int from traqora.bookings where user_id = $1 and status = 'paid') as paid,
      (select coalesce(max(n), 0)::int from (select count(*) as n from traqora.loyalty_quote_holds where member_id = $1 and status = 'spent' group by booking_id) x) as per_booking`, [user]);
    // every booking was paid; each spent one hold at most; no hold is left live
    expect(after).toEqual({ spent: spent.length * ask, held: 0, redeemed: spent.length * ask, lines: spent.length * ask, paid: 20, per_booking: 1 });
    const s = await summary(t, user);
    expect(s.points.active).toBe(balance - spent.length * ask);
    expect(s.points_held).toBe(0);
    expect(await balanceMismatches(t)).toEqual([]);
  });
});
