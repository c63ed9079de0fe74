import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '@/lib/bookings/types';
import type { SqlDatabase } from '@/lib/db/pg-driver';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { balanceMismatches, flyAndRelease, paidBooking, runLoyalty, summary } from '@/tests/support/loyalty-fixtures';

// Points spent at checkout under concurrency, which only a PostgreSQL server can stage: one
// member pays 20 held bookings at once, each with more points than a fair share, from a pool of
// 20 connections. The member's row lock in loyalty_redeem serialises them: no more is spent than
// the balance, every payment either spends its points and takes its money or does neither, and
// the money ledger still sums to zero. CI always runs this (TEST_DATABASE_URL).
const onServer = process.env.DB_TARGET === 'postgres';

describe.skipIf(!onServer)('redeeming points on a PostgreSQL server', () => {
  let one: SqlDatabase;
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase({ seed: true, scheduleDays: 14, poolSize: 20 });
    one = t.db;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('20 concurrent redemptions by one member never spend more than the balance', async () => {
    const user = await traveller(t, 'Concurrent redeemer');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    await paidBooking(t, user, it0, 'flex');
    await runLoyalty(t);
    await flyAndRelease(t, it0);
    await runLoyalty(t);
    const balance = (await summary(t, user)).points.active;
    expect(balance).toBeGreaterThan(1000);
    // each asks a quarter of the balance (whole dollars): four fit, never five
    const ask = Math.floor(balance / 4 / 100) * 100;

    const back = await nonstop(t, 'LHR', 'JFK');
    const held: Booking[] = [];
    for (let i = 0; i < 20; i++) held.push((await book(t, user, back, { family: 'flex' })).booking);
    // open all 20 connections first: a pool that opens them one by one as the calls arrive runs
    // the calls nearly in turn, and the test would pass without the member's row lock
    await Promise.all(Array.from({ length: 20 }, () => t.sql('select pg_sleep(0.05)')));
    const outcomes = await Promise.allSettled(held.map((b) =>
      one.call<{ booking: Booking }>('pay_booking', { user_id: user, pnr: b.pnr, demo_funding_minor: 50_000_000, redeem_points: ask })));

    const paid = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as { status: number; field: string }] : []));
    expect(paid).toHaveLength(Math.floor(balance / ask));
    expect(refused.every((e) => e.status === 409 && e.field === 'points')).toBe(true);
    expect((await summary(t, user)).points.active).toBe(balance - paid.length * ask);

    // points spent = redemptions recorded = money the liability account paid into escrow
    const [spent] = await t.sql<{ points: number; redemptions: number; liability: number; held: number }>(`select
      (select -coalesce(sum(amount), 0)::int from traqora.loyalty_ledger where member_id = $1 and source = 'redemption') as points,
      (select coalesce(sum(points), 0)::int from traqora.loyalty_redemptions where member_id = $1) as redemptions,
      (select -coalesce(sum(p.amount_minor), 0)::int from traqora.ledger_postings p join traqora.ledger_accounts a on a.id = p.account_id where a.kind = 'loyalty_liability') as liability,
      (select count(*)::int from traqora.bookings where id = any($2::uuid[]) and status = 'held') as held`, [user, held.map((b) => b.id)]);
    // 100 points = $1: a point is a cent
    expect(spent).toEqual({ points: paid.length * ask, redemptions: paid.length * ask, liability: paid.length * ask, held: 20 - paid.length });
    expect(await balanceMismatches(t)).toEqual([]);
    expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
  });
});
