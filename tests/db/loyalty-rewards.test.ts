import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, CancellationQuote } from '@/lib/bookings/types';
import type { LoyaltyEntry, LoyaltyStats, LoyaltySummary } from '@/lib/loyalty/types';
import type { QuoteLoyalty } from '@/lib/payments/rail';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { balanceMismatches, flyAndRelease, paidBooking, runLoyalty, seededPoints, summary } from '@/tests/support/loyalty-fixtures';

// Tiers (live upgrade, the year-end requalification) and points paying part of a fare at
// checkout, with the money moved by the loyalty-liability account (supabase/routines/95_loyalty.sql,
// pay_booking and confirm_cancellation in 60_bookings.sql).

let t: TestDatabase;
let admin: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Rewards admin' })).id;
});
afterAll(async () => { await t?.close(); });
afterEach(async () => {
  expect(await balanceMismatches(t)).toEqual([]);
  expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
});

const setParameter = (key: string, value: number) => t.db.call('set_governed_parameter', { key, value, actor: admin, source: 'admin' });
/** Thresholds in an order every step keeps rising, from the defaults (5000/10000/15000) or back. */
async function thresholds(silver: number, gold: number, platinum: number) {
  const current = Number((await t.sql<{ value: string }>("select value from traqora.governed_parameters where key = 'loyalty.tier_threshold.silver'"))[0].value);
  const steps: [string, number][] = [['silver', silver], ['gold', gold], ['platinum', platinum]];
  for (const [tier, value] of silver < current ? steps : steps.reverse()) await setParameter(`loyalty.tier_threshold.${tier}`, value);
}
const memberEvents = (user: string, type: string) => t.sql<{ payload: Record<string, unknown> }>(
  "select payload from traqora.domain_events where aggregate_type = 'member' and aggregate_id = $1 and type = $2 order by id", [user, type]);
const year = new Date().getUTCFullYear();
const aprilFirst = (y: number) => new Date(Date.UTC(y, 3, 1)).toISOString();
const tierOf = async (user: string) => (await t.sql<{ tier: string; tier_until: Date | null }>('select tier, tier_until from traqora.loyalty_members where user_id = $1', [user]))[0];

/** A member with the active points and tier credits of one flown booking. */
async function flownMember(name: string, family: 'standard' | 'flex' = 'flex') {
  const user = await traveller(t, name);
  const it0 = await nonstop(t, 'JFK', 'LHR');
  const booking = await paidBooking(t, user, it0, family);
  await runLoyalty(t);
  await flyAndRelease(t, it0);
  await runLoyalty(t);
  return { user, booking, points: seededPoints(booking.price.base_minor, family), credits: Math.floor(booking.price.base_minor / 100) };
}

describe('tiers', () => {
  afterEach(async () => { await thresholds(5000, 10000, 15000); });

  it('active tier credits reaching a threshold upgrade at once; the status holds through March two years on', async () => {
    const probe = await nonstop(t, 'JFK', 'LHR');
    const price = await t.db.call<{ base_minor: number }>('price_offer', { slices: [probe.flight_ids], cabin: 'economy', family: 'flex', adults: 1, children: 0, infants: 0 });
    const credits = Math.floor(price.base_minor / 100);
    await thresholds(credits, credits + 1, credits + 2);

    const { user } = await flownMember('Climber');
    const s = await summary(t, user);
    expect(s).toMatchObject({ tier: 'silver', tier_until: expect.any(String),
      tier_credits: { this_year: credits }, next_tier: { tier: 'gold', threshold: credits + 1, needed: 1 }, keep_tier: { tier: 'silver', needed: 0 } });
    expect(Date.parse(s.tier_until!)).toBe(Date.parse(aprilFirst(year + 2)));
    expect(s.tier_credits.days_left).toBe(Math.ceil((Date.UTC(year + 1, 0, 1) - Date.now()) / 864e5));
    expect((await memberEvents(user, 'loyalty.tier_changed')).map((e) => e.payload)).toEqual([
      expect.objectContaining({ from: 'blue', to: 'silver', kind: 'upgrade', qualifying_year: year, tier_credits: credits })]);
  });

  it('the year-end job falls at most one tier, once per window: a re-run changes nothing', async () => {
    const probe = await nonstop(t, 'JFK', 'LHR');
    const price = await t.db.call<{ base_minor: number }>('price_offer', { slices: [probe.flight_ids], cabin: 'economy', family: 'flex', adults: 1, children: 0, infants: 0 });
    const credits = Math.floor(price.base_minor / 100);
    await thresholds(credits - 2, credits - 1, credits);
    const { user } = await flownMember('Lapsed platinum');
    expect(await tierOf(user)).toMatchObject({ tier: 'platinum' });

    // before the window ends: nobody is touched (members of other tests share this database)
    expect(await t.db.call('loyalty_year_end', { now: new Date(Date.UTC(year + 2, 2, 31, 23)).toISOString() })).toMatchObject({ changes: 0 });
    // after it: no credits at all in the status year, but Platinum falls to Gold only
    const after = new Date(Date.UTC(year + 2, 3, 1, 1)).toISOString();
    expect(await t.db.call('loyalty_year_end', { now: after })).toMatchObject({ downgraded: expect.any(Number) });
    expect(await tierOf(user)).toEqual({ tier: 'gold', tier_until: new Date(aprilFirst(year + 3)) });
    expect(await t.db.call('loyalty_year_end', { now: after })).toMatchObject({ changes: 0 });
    expect(await tierOf(user)).toMatchObject({ tier: 'gold' });
    // a job that missed two more windows falls one tier for each
    await t.db.call('loyalty_year_end', { now: new Date(Date.UTC(year + 4, 5, 1)).toISOString() });
    expect(await tierOf(user)).toEqual({ tier: 'blue', tier_until: null });
    const changes = await t.sql<{ from_tier: string; to_tier: string; kind: string; qualifying_year: number }>(
      'select from_tier, to_tier, kind, qualifying_year from traqora.loyalty_tier_changes where member_id = $1 order by id', [user]);
    expect(changes).toEqual([
      { from_tier: 'blue', to_tier: 'platinum', kind: 'upgrade', qualifying_year: year },
      { from_tier: 'platinum', to_tier: 'gold', kind: 'downgrade', qualifying_year: year + 1 },
      { from_tier: 'gold', to_tier: 'silver', kind: 'downgrade', qualifying_year: year + 2 },
      { from_tier: 'silver', to_tier: 'blue', kind: 'downgrade', qualifying_year: year + 3 },
    ]);
    expect((await memberEvents(user, 'loyalty.tier_changed')).map((e) => e.payload.to)).toEqual(['platinum', 'gold', 'silver', 'blue']);
  });

  it('a higher tier multiplies the points earned', async () => {
    const probe = await nonstop(t, 'JFK', 'LHR');
    const price = await t.db.call<{ base_minor: number }>('price_offer', { slices: [probe.flight_ids], cabin: 'economy', family: 'flex', adults: 1, children: 0, infants: 0 });
    const credits = Math.floor(price.base_minor / 100);
    await thresholds(credits - 2, credits - 1, credits);
    const { user } = await flownMember('Platinum earner');
    const next = await paidBooking(t, user, await nonstop(t, 'LHR', 'JFK'), 'standard');
    await runLoyalty(t);
    expect((await summary(t, user)).points.pending).toBe(seededPoints(next.price.base_minor, 'standard', 2));
  });
});

describe('redeeming points at checkout (ledger rail)', () => {
  const quote = (user: string, b: Booking, points: number) =>
    t.db.call<QuoteLoyalty>('loyalty_redemption_quote', { user_id: user, base_minor: b.price.base_minor, currency: b.price.currency, points });
  const wallet = (user: string) => t.db.call<{ balance_minor: number }>('wallet_history', { user_id: user });
  const liability = async () => Number((await t.sql<{ b: string }>(
    "select coalesce(sum(p.amount_minor), 0) as b from traqora.ledger_postings p join traqora.ledger_accounts a on a.id = p.account_id where a.kind = 'loyalty_liability'"))[0].b);

  it('points pay part of the fare: the wallet pays the rest, the liability account the redeemed part, escrow holds the full total', async () => {
    const { user, points } = await flownMember('Redeemer');
    expect(points).toBeGreaterThan(1000);
    const { booking } = await book(t, user, await nonstop(t, 'LHR', 'JFK'), { family: 'flex' });
    expect(await quote(user, booking, 1000)).toEqual({ points: 1000, discount_minor: 1000, currency: 'USD', points_per_usd: 100, balance: points,
      max_points: Math.min(points, booking.price.base_minor) });
    const walletBefore = (await wallet(user)).balance_minor;
    const liabilityBefore = await liability();

    const paid = await t.db.call<{ booking: Booking }>('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 5_000_000, redeem_points: 1000 });
    expect(paid.booking).toMatchObject({ status: 'paid', escrow_balance_minor: booking.price.total_minor });
    expect((await wallet(user)).balance_minor).toBe(walletBefore - (booking.price.total_minor - 1000));
    expect(await liability()).toBe(liabilityBefore - 1000);
    expect((await summary(t, user)).points.active).toBe(points - 1000);
    const [redeemed] = await t.db.call<{ data: LoyaltyEntry[] }>('loyalty_history', { user_id: user, kind: 'redeemed', cursor: null, limit: 10 }).then((p) => p.data);
    expect(redeemed).toMatchObject({ kind: 'redeemed', amount: -1000, source: 'redemption', source_ref: booking.id, currency: 'points' });
    const [paidEvent] = await t.sql<{ payload: Record<string, unknown> }>("select payload from traqora.domain_events where type = 'booking.paid' and aggregate_id = $1", [booking.id]);
    expect(paidEvent.payload.loyalty_redemption).toEqual({ points: 1000, discount_minor: 1000 });
    const [confirmed] = await t.sql<{ payload: Record<string, unknown> }>("select payload from traqora.domain_events where type = 'payment.confirmed' and payload->>'booking_id' = $1", [booking.id]);
    expect(confirmed.payload).toMatchObject({ amount_minor: booking.price.total_minor - 1000, loyalty_minor: 1000 });

    // the part points paid earns nothing
    await runLoyalty(t);
    expect((await summary(t, user)).points.pending).toBe(seededPoints(booking.price.base_minor - 1000, 'flex'));
    // paying again (a retry) spends nothing more
    expect(await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 5_000_000, redeem_points: 1000 })).toMatchObject({ replayed: true });
    expect((await summary(t, user)).points.active).toBe(points - 1000);
  });

  it('the airline is released the full fare: the release sees the whole total in escrow', async () => {
    const { user } = await flownMember('Full fare');
    const it0 = await nonstop(t, 'LHR', 'JFK');
    const { booking } = await book(t, user, it0, { family: 'flex' });
    await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 5_000_000, redeem_points: 500 });
    await flyAndRelease(t, it0);
    const [release] = await t.sql<{ payload: { fee_minor: number; payouts: { amount_minor: number }[] } }>(
      "select payload from traqora.domain_events where type = 'booking.completed' and aggregate_id = $1", [booking.id]);
    const fee = Math.floor(booking.price.total_minor * 250 / 10000);
    expect(release.payload.fee_minor).toBe(fee);
    expect(release.payload.payouts.reduce((s, p) => s + p.amount_minor, 0)).toBe(booking.price.total_minor - fee);
  });

  it('refuses more than the balance (409), more than the fare or taxes (422), negative points (400); nothing is spent or charged', async () => {
    const { user, points } = await flownMember('Overreacher', 'standard');
    const { booking } = await book(t, user, await nonstop(t, 'LHR', 'JFK'), { family: 'flex' });
    const walletBefore = (await wallet(user)).balance_minor;
    const pay = (redeem: number) => t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 5_000_000, redeem_points: redeem });
    await expect(pay(points + 1)).rejects.toMatchObject({ status: 409, field: 'points' });
    await expect(pay(booking.price.base_minor + 100)).rejects.toMatchObject({ status: 422, field: 'points' });
    await expect(pay(-5)).rejects.toMatchObject({ status: 400, field: 'points' });
    await expect(quote(user, booking, booking.price.base_minor + 100)).rejects.toMatchObject({ status: 422, field: 'points' });
    expect((await summary(t, user)).points.active).toBe(points);
    expect((await wallet(user)).balance_minor).toBe(walletBefore);
    expect((await t.db.call<Booking>('get_booking', { user_id: user, pnr: booking.pnr, admin: false })).status).toBe('held');
  });

  it('a cancelled booking gives the redeemed points back: all on a full refund, the rest of the refund in money', async () => {
    const { user, points } = await flownMember('Changed plans');
    const { booking } = await book(t, user, await nonstop(t, 'LHR', 'JFK'), { family: 'flex' });
    await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 5_000_000, redeem_points: 1200 });
    const walletPaid = (await wallet(user)).balance_minor;
    const liabilityPaid = await liability();

    const q = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    expect(q.refund_minor).toBe(booking.price.total_minor);   // flex: fully refundable
    await t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: q.id });
    expect((await summary(t, user)).points.active).toBe(points);
    expect((await wallet(user)).balance_minor).toBe(walletPaid + booking.price.total_minor - 1200);
    expect(await liability()).toBe(liabilityPaid + 1200);
    const [returned] = (await t.db.call<{ data: LoyaltyEntry[] }>('loyalty_history', { user_id: user, kind: 'returned', cursor: null, limit: 10 })).data;
    expect(returned).toMatchObject({ amount: 1200, source_ref: booking.id });
    const [cancelled] = await t.sql<{ payload: Record<string, unknown> }>("select payload from traqora.domain_events where type = 'booking.cancelled' and aggregate_id = $1", [booking.id]);
    expect(cancelled.payload.loyalty_returned).toEqual({ points: 1200, returned_minor: 1200 });
  });

  it('a partial refund gives back points in proportion to it', async () => {
    const { user, points } = await flownMember('Partial');
    const { booking } = await book(t, user, await nonstop(t, 'LHR', 'JFK'), { family: 'standard' });
    await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 5_000_000, redeem_points: 1000 });
    const q = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    await t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: q.id });
    const back = Math.round(1000 * q.refund_minor / booking.price.total_minor);
    expect(back).toBeLessThan(1000);
    expect((await summary(t, user)).points.active).toBe(points - 1000 + back);
  });

  it('the charts: points by month net by source (a redemption below the line), tier credits as a running total this year', async () => {
    const { user, points, credits } = await flownMember('Charted');
    const { booking } = await book(t, user, await nonstop(t, 'LHR', 'JFK'), { family: 'flex' });
    await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 5_000_000, redeem_points: 700 });
    await runLoyalty(t);
    const stats = await t.db.call<LoyaltyStats>('loyalty_stats', { user_id: user });
    const month = new Date().toISOString().slice(0, 7);
    expect(stats.points_by_month).toHaveLength(12);
    expect(stats.points_by_month.at(-1)).toEqual({ month, by_source: { booking: points + seededPoints(booking.price.base_minor - 700, 'flex'), redemption: -700 } });
    expect(stats.points_by_month.slice(0, -1).every((m) => Object.keys(m.by_source).length === 0)).toBe(true);
    expect(stats.tier_credits_by_month).toHaveLength(new Date().getUTCMonth() + 1);
    expect(stats.tier_credits_by_month.at(-1)).toEqual({ month, earned: credits, total: credits });   // the new booking's credits are pending
  });

  it('the summary says what the next tier needs and how points redeem', async () => {
    const user = await traveller(t, 'Newcomer');
    expect(await summary(t, user)).toMatchObject<Partial<LoyaltySummary>>({
      member: false, tier: 'blue', tier_until: null, keep_tier: null, next_tier: { tier: 'silver', threshold: 5000, needed: 5000 },
      thresholds: { silver: 5000, gold: 10000, platinum: 15000 }, redemption: { points_per_usd: 100 } });
  });
});

describe('manual adjustments (rewards managers)', () => {
  const ctx = (reason: string) => ({ actor: admin, role: 'admin', reason, ip: null, request_id: `adjust-${Math.random().toString(36).slice(2, 10)}` });

  it('credit active points with the reason audited; a retried key posts nothing twice; taking more than held is refused', async () => {
    const user = await traveller(t, 'Goodwill');
    const audits = async () => (await t.sql<{ n: number }>("select count(*)::int as n from traqora.audit_log where action = 'loyalty.adjusted' and resource_id = $1", [user]))[0].n;
    expect(await t.db.call('loyalty_adjust', { ctx: ctx('Delayed flight goodwill'), user_id: user, points: 2500, key: 'goodwill-key-1' }))
      .toMatchObject({ points: 2500, points_active: 2500, replayed: false });
    expect(await t.db.call('loyalty_adjust', { ctx: ctx('Delayed flight goodwill'), user_id: user, points: 2500, key: 'goodwill-key-1' }))
      .toMatchObject({ points: 2500, replayed: true });
    await expect(t.db.call('loyalty_adjust', { ctx: ctx('Other'), user_id: user, points: 10, key: 'goodwill-key-1' })).rejects.toMatchObject({ status: 409, field: 'Idempotency-Key' });
    await expect(t.db.call('loyalty_adjust', { ctx: ctx('Too much'), user_id: user, points: -2501, key: 'goodwill-key-2' })).rejects.toMatchObject({ status: 409, field: 'points' });
    await expect(t.db.call('loyalty_adjust', { ctx: ctx(' '), user_id: user, points: 5, key: 'goodwill-key-3' })).rejects.toMatchObject({ status: 400, field: 'reason' });
    await expect(t.db.call('loyalty_adjust', { ctx: ctx('Nobody'), user_id: '00000000-0000-4000-8000-000000000000', points: 5, key: 'goodwill-key-4' }))
      .rejects.toMatchObject({ status: 404, field: 'id' });
    expect(await t.db.call('loyalty_adjust', { ctx: ctx('Correction'), user_id: user, points: -500, key: 'goodwill-key-5' })).toMatchObject({ points_active: 2000 });
    expect(await audits()).toBe(2);
    const member = await t.db.call<{ summary: LoyaltySummary; history: { data: LoyaltyEntry[] } }>('loyalty_admin_member', { user_id: user });
    expect(member.summary.points.active).toBe(2000);
    expect(member.history.data.map((e) => [e.amount, e.source, e.reason])).toEqual([
      [-500, 'adjustment', 'Adjustment: Correction'], [2500, 'adjustment', 'Adjustment: Delayed flight goodwill']]);
    expect((await memberEvents(user, 'loyalty.points_adjusted')).map((e) => e.payload.points)).toEqual([2500, -500]);
  });
});

describe('expiry', () => {
  it('active points expire after the governed months without activity; the summary warns 30 days before; pending points stay', async () => {
    const { user, points } = await flownMember('Dormant');
    await paidBooking(t, user, await nonstop(t, 'LHR', 'JFK'), 'standard');
    await runLoyalty(t);
    const s = await summary(t, user);
    const lastActivity = Date.parse(s.last_activity_at!);
    const expires = new Date(lastActivity);
    expires.setUTCMonth(expires.getUTCMonth() + 24);
    expect(Date.parse(s.points_expire_at!)).toBe(expires.getTime());
    expect(s.expiry_notice).toBe(false);

    // 20 days before: the notice
    await t.sql("update traqora.loyalty_members set last_activity_at = now() - interval '24 months' + interval '20 days' where user_id = $1", [user]);
    expect(await summary(t, user)).toMatchObject({ expiry_notice: true });
    expect(await t.db.call('loyalty_expire_points', {})).toMatchObject({ expired: 0 });

    const later = new Date(Date.now() + 21 * 864e5).toISOString();
    expect(await t.db.call('loyalty_expire_points', { now: later })).toMatchObject({ expired: 1 });
    expect(await t.db.call('loyalty_expire_points', { now: later })).toMatchObject({ expired: 0 });
    const after = await summary(t, user);
    expect(after.points.active).toBe(0);
    expect(after.points.pending).toBe(s.points.pending);
    expect(after).toMatchObject({ points_expire_at: null, expiry_notice: false });
    const expired = (await t.db.call<{ data: LoyaltyEntry[] }>('loyalty_history', { user_id: user, kind: 'expired', cursor: null, limit: 10 })).data;
    expect(expired.map((e) => e.amount)).toEqual([-points]);
    expect((await memberEvents(user, 'loyalty.points_expired')).map((e) => e.payload.points)).toEqual([points]);
  });
});
