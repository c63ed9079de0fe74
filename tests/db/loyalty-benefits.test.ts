import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoyaltySummary } from '@/lib/loyalty/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { balanceMismatches, flyAndRelease, paidBooking, runLoyalty, summary } from '@/tests/support/loyalty-fixtures';

// Tier benefits applied: the fee discount in the release's ledger postings (release_booking in
// 60_bookings.sql asks traqora.loyalty_fee_discount), the benefits the fare conditions show, and the
// refund review priority by tier (traqora.loyalty_member_priority).

let t: TestDatabase;
let admin: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Benefits admin' })).id;
});
afterAll(async () => { await t?.close(); });
afterEach(async () => {
  expect(await balanceMismatches(t)).toEqual([]);
  expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
});

/** A traveller holding a tier (as the year-end job or an upgrade would have left them). */
async function member(name: string, tier: 'blue' | 'silver' | 'gold' | 'platinum') {
  const user = await traveller(t, name);
  await t.sql("insert into traqora.loyalty_members (user_id, tier, tier_until) values ($1, $2, case when $2 = 'blue' then null else now() + interval '1 year' end)", [user, tier]);
  return user;
}

interface Posting { kind: string; user_id: string | null; amount_minor: number }
const releasePostings = (bookingId: string) => t.sql<Posting>(
  `select a.kind, a.user_id, p.amount_minor::int as amount_minor from traqora.ledger_postings p
     join traqora.ledger_accounts a on a.id = p.account_id join traqora.ledger_transactions x on x.id = p.transaction_id
    where x.booking_id = $1 and x.kind = 'release' order by p.id`, [bookingId]);
const sumOf = (rows: Posting[], kind: string) => rows.filter((r) => r.kind === kind).reduce((s, r) => s + r.amount_minor, 0);

describe('the tier discount on the platform fee at release', () => {
  it("a Gold member's release pays a lower fee: the discount goes from the fee to their wallet, the airline's payout unchanged", async () => {
    const gold = await member('Gold flyer', 'gold');
    const blue = await member('Blue flyer', 'blue');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const goldBooking = await paidBooking(t, gold, it0, 'flex');
    const blueBooking = await paidBooking(t, blue, it0, 'flex');
    await flyAndRelease(t, it0);

    const fee = (total: number) => Math.floor(total * 250 / 10000);   // platform.fee_bps as seeded
    const goldFee = fee(goldBooking.price.total_minor);
    const goldRebate = Math.floor(goldFee * 2500 / 10000);              // loyalty.fee_discount.gold as seeded
    expect(goldRebate).toBeGreaterThan(0);

    const g = await releasePostings(goldBooking.id);
    expect(sumOf(g, 'escrow')).toBe(-goldBooking.price.total_minor);
    expect(sumOf(g, 'platform_fees')).toBe(goldFee - goldRebate);
    expect(g.filter((r) => r.kind === 'wallet')).toEqual([{ kind: 'wallet', user_id: gold, amount_minor: goldRebate }]);
    expect(sumOf(g, 'airline')).toBe(goldBooking.price.total_minor - goldFee);

    const b = await releasePostings(blueBooking.id);
    expect(sumOf(b, 'platform_fees')).toBe(fee(blueBooking.price.total_minor));
    expect(b.filter((r) => r.kind === 'wallet')).toEqual([]);
    expect(sumOf(b, 'airline')).toBe(blueBooking.price.total_minor - fee(blueBooking.price.total_minor));

    const [completed] = await t.sql<{ payload: { fee_minor: number; fee_discount: unknown } }>(
      "select payload from traqora.domain_events where type = 'booking.completed' and aggregate_id = $1", [goldBooking.id]);
    expect(completed.payload).toMatchObject({ fee_minor: goldFee, fee_discount: { tier: 'gold', bps: 2500, amount_minor: goldRebate } });
  });

  it('the discount is governed: a changed share applies from the next release on', async () => {
    const platinum = await member('Platinum flyer', 'platinum');
    await t.db.call('set_governed_parameter', { key: 'loyalty.fee_discount.platinum', value: 10000, actor: admin, source: 'admin' });
    try {
      const it0 = await nonstop(t, 'LHR', 'JFK');
      const booking = await paidBooking(t, platinum, it0, 'standard');
      await flyAndRelease(t, it0);
      const p = await releasePostings(booking.id);
      const fee = Math.floor(booking.price.total_minor * 250 / 10000);
      expect(sumOf(p, 'platform_fees')).toBe(0);
      expect(sumOf(p, 'wallet')).toBe(fee);
    } finally {
      await t.db.call('set_governed_parameter', { key: 'loyalty.fee_discount.platinum', value: 5000, actor: admin, source: 'admin' });
    }
    await expect(t.db.call('set_governed_parameter', { key: 'loyalty.fee_discount.gold', value: 10001, actor: admin, source: 'admin' }))
      .rejects.toMatchObject({ status: 422, field: 'value' });
  });
});

describe('benefits shown and the refund priority', () => {
  it('the summary carries the tier benefits the fare conditions show', async () => {
    const gold = await member('Gold benefits', 'gold');
    const s = await summary(t, gold);
    expect(s.benefits).toEqual({ tier: 'gold', fee_discount_bps: 2500, extra_bags: 1, free_seat_selection: true, refund_priority: 2 });
    const newcomer = await traveller(t, 'Newcomer');
    expect((await t.db.call<LoyaltySummary>('loyalty_summary', { user_id: newcomer })).benefits)
      .toEqual({ tier: 'blue', fee_discount_bps: 0, extra_bags: 0, free_seat_selection: false, refund_priority: 0 });
  });

  it('members order by tier for refund review: Platinum first, non-members last', async () => {
    const ids = { platinum: await member('P review', 'platinum'), silver: await member('S review', 'silver'), blue: await member('B review', 'blue') };
    const outsider = await traveller(t, 'Never earned');
    await runLoyalty(t);
    const rows = await t.sql<{ user_id: string }>(
      `select u.id as user_id from unnest($1::uuid[]) as u(id) left join traqora.loyalty_member_priority p on p.user_id = u.id
        order by coalesce(p.refund_priority, 0) desc, u.id`, [[outsider, ids.blue, ids.silver, ids.platinum]]);
    expect(rows.map((r) => r.user_id).slice(0, 2)).toEqual([ids.platinum, ids.silver]);
  });
});
