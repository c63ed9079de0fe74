import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CancellationQuote } from '@/lib/bookings/types';
import type { LoyaltySummary } from '@/lib/loyalty/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { balanceMismatches, summary } from '@/tests/support/loyalty-fixtures';
import { confirmOnChain, heldBooking, holdForQuote, holdsOf, payOnChain, quoteRef, sqlCall, txHash, PAYER } from '@/tests/support/quote-hold-fixtures';

// Points paying part of a wallet payment (issue 11, the soroban rail): held when the server signs
// the quote (loyalty_hold_for_quote), spent in confirm_chain_payment's transaction
// (loyalty_spend_quote_hold), lapsed by the loyalty-quote-holds job once the quote can no longer
// be paid, and given back by a cancellation or a flight's cancellation like the ledger rail's.
// supabase/routines/95_loyalty.sql; docs/loyalty.md, "Points held for a wallet payment".

let t: TestDatabase;
let admin: string;
let ops: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Rewards admin' })).id;
  ops = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'ops', name: 'Disruption desk' })).id;
});
afterAll(async () => { await t?.close(); });
afterEach(async () => {
  expect(await balanceMismatches(t)).toEqual([]);
  expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
});

const ctx = (reason: string) => ({ actor: admin, role: 'admin', reason, ip: null, request_id: `holds-${Math.random().toString(36).slice(2, 10)}` });
let k = 0;
async function memberWith(points: number, name = 'Holder'): Promise<string> {
  const user = await traveller(t, `${name} ${++k}`);
  await t.db.call('loyalty_adjust', { ctx: ctx('Points for the test'), user_id: user, points, key: `quote-holds-${k}-${user}` });
  return user;
}
const redemptions = (booking: string) => t.sql<{ points: number; discount_minor: number; points_returned: number; returned_minor: number }>(
  'select points::int, discount_minor::int, points_returned::int, returned_minor::int from traqora.loyalty_redemptions where booking_id = $1', [booking]);
const redemptionLines = (booking: string) => t.sql<{ amount: number; reason: string }>(
  "select amount::int, reason from traqora.loyalty_ledger where source = 'redemption' and source_ref = $1 order by id", [booking]);
const events = (type: string, aggregate: string) =>
  t.sql<{ payload: Record<string, unknown> }>('select payload from traqora.domain_events where type = $1 and aggregate_id = $2 order by id', [type, aggregate]);
const lapse = (now: Date) => t.db.call<{ lapsed: number }>('loyalty_lapse_quote_holds', { now: now.toISOString() });
const points = async (user: string) => {
  const s: LoyaltySummary = await summary(t, user);
  return { active: s.points.active, held: s.points_held, redeemable: s.points_redeemable };
};

describe('a quote\'s hold, spent when the chain confirms its payment', () => {
  it('spends the paid quote\'s hold (a redemption row and a ledger line, as at checkout) and drops the booking\'s other holds', async () => {
    const user = await memberWith(5000);
    const booking = await heldBooking(t, user);
    const first = await holdForQuote(t, user, booking, 1000);
    expect(first).toMatchObject({ points: 1000, discount_minor: 1000, currency: 'USD', status: 'held', balance: 4000, replayed: false, max_points: 5000 });
    // the traveller moved the slider: a second signed quote, both still sendable
    const paid = quoteRef();
    expect(await holdForQuote(t, user, booking, 2000, { ref: paid })).toMatchObject({ points: 2000, balance: 2000 });
    expect(await points(user)).toEqual({ active: 5000, held: 3000, redeemable: 2000 });
    // the summary's redeemable is what the slider offers
    expect(await t.db.call('loyalty_redemption_quote', { user_id: user, base_minor: booking.price.base_minor, currency: 'USD', points: 0 }))
      .toMatchObject({ balance: 2000, max_points: 2000 });

    const tx = txHash();
    const { booking: after } = await payOnChain(t, user, booking, paid, tx);
    expect(after.status).toBe('paid');
    expect((await holdsOf(t, booking.id)).map((h) => [h.points, h.status])).toEqual([[1000, 'dropped'], [2000, 'spent']]);
    expect(await redemptions(booking.id)).toEqual([{ points: 2000, discount_minor: 2000, points_returned: 0, returned_minor: 0 }]);
    expect(await redemptionLines(booking.id)).toEqual([{ amount: -2000, reason: `Booking ${booking.pnr}: $20.00 off the fare` }]);
    expect(await points(user)).toEqual({ active: 3000, held: 0, redeemable: 3000 });
    // the events say what the ledger rail's say: the wallet's part and the liability's
    expect((await events('booking.paid', booking.id))[0].payload).toMatchObject({ tx_hash: tx, loyalty_redemption: { points: 2000, discount_minor: 2000 } });
    expect((await events('payment.confirmed', tx))[0].payload).toMatchObject({ amount_minor: booking.price.total_minor - 2000, loyalty_minor: 2000 });

    // the confirmation again (the job and the traveller's page both asked RPC): nothing spent twice
    expect(await confirmOnChain(t, tx, paid)).toMatchObject({ replayed: true });
    expect(await redemptionLines(booking.id)).toHaveLength(1);
    expect(await points(user)).toEqual({ active: 3000, held: 0, redeemable: 3000 });
  });

  it('a payment without points (no ref, or a ref that held none) spends nothing and still drops the booking\'s holds', async () => {
    const user = await memberWith(3000);
    const booking = await heldBooking(t, user);
    await holdForQuote(t, user, booking, 1500);
    await payOnChain(t, user, booking, null);
    expect((await holdsOf(t, booking.id)).map((h) => h.status)).toEqual(['dropped']);
    expect(await redemptions(booking.id)).toEqual([]);
    expect(await points(user)).toEqual({ active: 3000, held: 0, redeemable: 3000 });
    expect((await events('booking.paid', booking.id))[0].payload).not.toHaveProperty('loyalty_redemption');

    const other = await heldBooking(t, user);
    await holdForQuote(t, user, other, 500);
    await payOnChain(t, user, other, quoteRef());
    expect((await holdsOf(t, other.id)).map((h) => h.status)).toEqual(['dropped']);
    expect(await points(user)).toMatchObject({ active: 3000, held: 0 });
  });

  it('the same quote ref twice makes one hold; a ref already holding for another booking is refused', async () => {
    const user = await memberWith(3000);
    const booking = await heldBooking(t, user);
    const ref = quoteRef();
    const one = await holdForQuote(t, user, booking, 1200, { ref });
    const again = await holdForQuote(t, user, booking, 1200, { ref });
    expect(again).toMatchObject({ hold_id: one.hold_id, points: 1200, replayed: true, balance: 1800 });
    expect(await holdsOf(t, booking.id)).toHaveLength(1);
    await expect(holdForQuote(t, user, await heldBooking(t, user), 1200, { ref })).rejects.toMatchObject({ status: 409, field: 'quote_ref' });
    await expect(holdForQuote(t, user, booking, 100, { ref: '' })).rejects.toMatchObject({ status: 400, field: 'quote_ref' });
    expect(await points(user)).toEqual({ active: 3000, held: 1200, redeemable: 1800 });
  });
});

describe('the redeemable balance: active points less the live holds', () => {
  it('a hold beyond it is refused with 409 naming points, and so is every other way of taking held points', async () => {
    const user = await memberWith(3000);
    await holdForQuote(t, user, await heldBooking(t, user), 2000);
    const second = await heldBooking(t, user);
    await expect(holdForQuote(t, user, second, 1500)).rejects.toMatchObject({ status: 409, field: 'points', message: 'You have 1000 points to spend.' });
    expect(await holdForQuote(t, user, second, 1000)).toMatchObject({ points: 1000, balance: 0 });
    expect(await points(user)).toEqual({ active: 3000, held: 3000, redeemable: 0 });

    // checkout on the ledger rail, an admin's adjustment and the slider see the same balance
    const ledger = (await book(t, user, await nonstop(t, 'LHR', 'JFK'), { family: 'flex' })).booking;
    await expect(t.db.call('pay_booking', { user_id: user, pnr: ledger.pnr, demo_funding_minor: 5_000_000, redeem_points: 100 }))
      .rejects.toMatchObject({ status: 409, field: 'points' });
    await expect(t.db.call('loyalty_adjust', { ctx: ctx('Correction'), user_id: user, points: -1, key: `held-adjust-${user}` }))
      .rejects.toMatchObject({ status: 409, field: 'points' });
    expect(await t.db.call('loyalty_redemption_quote', { user_id: user, base_minor: ledger.price.base_minor, currency: 'USD', points: 0 }))
      .toMatchObject({ balance: 0, max_points: 0 });
    expect(await redemptions(ledger.id)).toEqual([]);
  });

  it('refuses what checkout refuses: more than the fare, another currency, less than a cent', async () => {
    const user = await memberWith(1_000_000);
    const booking = await heldBooking(t, user);
    await expect(holdForQuote(t, user, booking, booking.price.base_minor + 100)).rejects.toMatchObject({ status: 422, field: 'points' });
    await expect(holdForQuote(t, user, booking, 500, { currency: 'EUR' })).rejects.toMatchObject({ status: 422, field: 'points' });
    await expect(holdForQuote(t, user, booking, 0)).rejects.toMatchObject({ status: 422, field: 'points' });
    await expect(holdForQuote(t, user, booking, -5)).rejects.toMatchObject({ status: 400, field: 'points' });
    expect(await holdsOf(t, booking.id)).toEqual([]);
  });
});

describe('lapsing', () => {
  it('a hold lapses after its quote\'s expiry plus the governed grace, not before; its points are redeemable again', async () => {
    const user = await memberWith(2000);
    const booking = await heldBooking(t, user);
    const expiresAt = new Date(Date.now() + 15 * 60_000);
    await holdForQuote(t, user, booking, 2000, { expiresAt });
    const grace = 600_000;   // loyalty.quote_hold_grace_seconds, seeded
    await lapse(new Date(expiresAt.getTime()));
    await lapse(new Date(expiresAt.getTime() + grace - 1000));
    expect((await holdsOf(t, booking.id)).map((h) => h.status)).toEqual(['held']);
    expect(await points(user)).toMatchObject({ redeemable: 0 });

    expect((await lapse(new Date(expiresAt.getTime() + grace + 1000))).lapsed).toBeGreaterThanOrEqual(1);
    expect((await holdsOf(t, booking.id)).map((h) => h.status)).toEqual(['lapsed']);
    expect(await points(user)).toEqual({ active: 2000, held: 0, redeemable: 2000 });
    expect((await lapse(new Date(expiresAt.getTime() + grace + 1000))).lapsed).toBe(0);
    await expect(t.db.call('loyalty_lapse_quote_holds', { limit: 0 })).rejects.toMatchObject({ status: 400, field: 'limit' });
  });

  it('the grace is a bounded governed parameter, and the job follows it', async () => {
    const set = (value: number) => t.db.call('set_governed_parameter', { key: 'loyalty.quote_hold_grace_seconds', value, actor: admin, source: 'admin' });
    await expect(set(10)).rejects.toMatchObject({ status: 422, field: 'value' });
    await set(60);
    try {
      const user = await memberWith(500);
      const booking = await heldBooking(t, user);
      const expiresAt = new Date(Date.now() + 60_000);
      await holdForQuote(t, user, booking, 500, { expiresAt });
      await lapse(new Date(expiresAt.getTime() + 61_000));
      expect((await holdsOf(t, booking.id)).map((h) => h.status)).toEqual(['lapsed']);
    } finally {
      await set(600);
    }
  });

  it('a lapsed hold the chain paid anyway (clocks apart by more than the grace) is spent while the points are there', async () => {
    const user = await memberWith(3000);
    const booking = await heldBooking(t, user);
    const ref = quoteRef();
    await holdForQuote(t, user, booking, 2000, { ref, expiresAt: new Date(Date.now() - 3_600_000) });
    await lapse(new Date());
    expect(await points(user)).toMatchObject({ held: 0, redeemable: 3000 });
    await payOnChain(t, user, booking, ref);
    expect(await holdsOf(t, booking.id)).toMatchObject([{ status: 'spent', shortfall_points: 0 }]);
    expect(await redemptions(booking.id)).toMatchObject([{ points: 2000, discount_minor: 2000 }]);
    expect(await points(user)).toEqual({ active: 1000, held: 0, redeemable: 1000 });
  });

  it('…and when its points were spent meanwhile, none are taken: the shortfall is recorded for the reconciliation', async () => {
    const user = await memberWith(3000);
    const booking = await heldBooking(t, user);
    const ref = quoteRef();
    await holdForQuote(t, user, booking, 2000, { ref, expiresAt: new Date(Date.now() - 3_600_000) });
    await lapse(new Date());
    // the freed points pay another fare at checkout
    const ledger = (await book(t, user, await nonstop(t, 'LHR', 'JFK'), { family: 'flex' })).booking;
    await t.db.call('pay_booking', { user_id: user, pnr: ledger.pnr, demo_funding_minor: 5_000_000, redeem_points: 2000 });

    const tx = txHash();
    const { booking: after } = await payOnChain(t, user, booking, ref, tx);
    expect(after.status).toBe('paid');
    expect(await holdsOf(t, booking.id)).toMatchObject([{ status: 'spent', points: 2000, shortfall_points: 2000 }]);
    expect(await redemptions(booking.id)).toEqual([]);
    expect(await redemptionLines(booking.id)).toEqual([]);
    expect(await points(user)).toEqual({ active: 1000, held: 0, redeemable: 1000 });
    expect((await events('booking.paid', booking.id))[0].payload).not.toHaveProperty('loyalty_redemption');
    // the liability paid the sponsor part on chain: the wallet's part is still less
    expect((await events('payment.confirmed', tx))[0].payload).toMatchObject({ loyalty_minor: 2000 });
    const shortfalls = await t.db.call<{ pnr: string; shortfall_points: number; member_id: string }[]>('loyalty_quote_hold_shortfalls', {});
    expect(shortfalls).toContainEqual(expect.objectContaining({ pnr: booking.pnr, shortfall_points: 2000, discount_minor: 2000, member_id: user }));
  });

  it('a hold still held whose points are gone fails the confirmation loudly, writing nothing', async () => {
    const user = await memberWith(1000);
    const booking = await heldBooking(t, user);
    const ref = quoteRef();
    // written around the functions: a hold the member cannot cover
    await t.sql(`insert into traqora.loyalty_quote_holds (quote_ref, booking_id, member_id, pnr, points, discount_minor, currency, points_per_usd, expires_at)
                 values ($1, $2, $3, $4, 5000, 5000, 'USD', 100, now() + interval '15 minutes')`, [ref, booking.id, user, booking.pnr]);
    const tx = txHash();
    await t.db.call('record_chain_payment', { user_id: user, pnr: booking.pnr, tx_hash: tx, payer: PAYER });
    await expect(confirmOnChain(t, tx, ref)).rejects.toThrow(/no longer has/);
    expect(await holdsOf(t, booking.id)).toMatchObject([{ status: 'held' }]);
    expect((await t.db.call<{ status: string }>('get_booking', { user_id: user, pnr: booking.pnr })).status).toBe('held');
    expect(await redemptions(booking.id)).toEqual([]);
    await t.sql("update traqora.loyalty_quote_holds set status = 'dropped' where quote_ref = $1", [ref]);
  });
});

describe('expiry leaves held points', () => {
  it('points held for a payment in progress do not expire; once the hold lapsed they do', async () => {
    const user = await memberWith(3000);
    const booking = await heldBooking(t, user);
    const ref = quoteRef();
    const expiresAt = new Date(Date.now() + 15 * 60_000);
    await holdForQuote(t, user, booking, 1000, { ref, expiresAt });
    await t.sql("update traqora.loyalty_members set last_activity_at = now() - interval '25 months' where user_id = $1", [user]);
    await t.db.call('loyalty_expire_points', {});
    expect(await points(user)).toEqual({ active: 1000, held: 1000, redeemable: 0 });
    await t.db.call('loyalty_expire_points', {});
    expect(await points(user)).toEqual({ active: 1000, held: 1000, redeemable: 0 });
    // the payment lands: the held points pay it
    await payOnChain(t, user, booking, ref);
    expect(await points(user)).toEqual({ active: 0, held: 0, redeemable: 0 });
    expect((await events('loyalty.points_expired', user)).map((e) => e.payload.points)).toEqual([2000]);
  });

  it('the expiry notice counts only the points that would expire, not those held', async () => {
    const user = await memberWith(3000);
    const booking = await heldBooking(t, user);
    await holdForQuote(t, user, booking, 1000, { expiresAt: new Date(Date.now() + 15 * 60_000) });
    // last active so long ago that the points expire in three days
    await t.sql(`update traqora.loyalty_members set last_activity_at = now() + interval '3 days'
                   - make_interval(months => traqora.parameter('loyalty.points_expiry_months')::int) where user_id = $1`, [user]);
    const notices = await t.db.call<{ user_id: string; points: number }[]>('loyalty_points_expiring', { within_seconds: 7 * 86_400, limit: 5000 });
    expect(notices.filter((n) => n.user_id === user).map((n) => n.points)).toEqual([2000]);
  });
});

describe('cancellations give the points back', () => {
  it('a soroban booking whose payment spent a hold gets its points back in proportion to the refund; the money is the escrow\'s', async () => {
    const user = await memberWith(5000);
    const booking = await heldBooking(t, user, 'standard');   // refundable less a fee: a partial refund
    const ref = quoteRef();
    await holdForQuote(t, user, booking, 3000, { ref });
    await payOnChain(t, user, booking, ref);
    expect(await points(user)).toMatchObject({ active: 2000 });

    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    expect(quote.penalty_minor).toBeGreaterThan(0);
    expect(quote.refund_minor).toBeGreaterThan(0);
    await t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id });
    const back = Math.round(3000 * quote.refund_minor / booking.price.total_minor);
    expect(await redemptions(booking.id)).toEqual([{ points: 3000, discount_minor: 3000, points_returned: back, returned_minor: back }]);
    expect(await points(user)).toMatchObject({ active: 2000 + back });
    expect((await events('booking.cancelled', booking.id))[0].payload).toMatchObject({ refund_to: 'payer', loyalty_returned: { points: back, returned_minor: back } });
    // the refund itself goes back through the escrow (the settlement outbox), not the app's ledger
    expect(await t.sql('select refund_minor::int from traqora.chain_settlements where booking_id = $1', [booking.id])).toEqual([{ refund_minor: quote.refund_minor }]);
    // a second call returns nothing more
    expect(await sqlCall(t, 'select traqora.loyalty_return_redemption($1, $2, $3) as r', [booking.id, quote.refund_minor, booking.price.total_minor]))
      .toEqual({ points: 0, returned_minor: 0 });
  });

  it('a cancelled flight refunds a soroban booking in full: every redeemed point comes back', async () => {
    const user = await memberWith(4000);
    const it0 = await nonstop(t, 'SFO', 'JFK');
    const [flight] = await t.sql<{ id: number }>(
      `select f.id::int from traqora.flights f where f.origin = 'SFO' and f.destination = 'JFK' and f.departs_at > now() + interval '5 days'
         and f.status = 'scheduled' and not exists (select 1 from traqora.booking_segments s where s.flight_id = f.id)
       order by f.departs_at limit 1`);
    const booking = (await book(t, user, { ...it0, flight_ids: [flight.id] }, { family: 'flex' })).booking;
    const ref = quoteRef();
    await holdForQuote(t, user, booking, 2500, { ref });
    await payOnChain(t, user, booking, ref);
    expect(await points(user)).toMatchObject({ active: 1500 });

    await t.db.call('admin_set_flight_status', { ctx: { actor: ops, role: 'ops', reason: 'Crew shortage', ip: null, request_id: 'holds-disruption-1' },
      flight_id: flight.id, status: 'cancelled', departs_at: null, arrives_at: null });
    expect(await redemptions(booking.id)).toEqual([{ points: 2500, discount_minor: 2500, points_returned: 2500, returned_minor: 2500 }]);
    expect(await points(user)).toMatchObject({ active: 4000, held: 0 });
  });
});
