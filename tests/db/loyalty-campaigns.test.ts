import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CancellationQuote } from '@/lib/bookings/types';
import type { Campaign } from '@/lib/loyalty/campaigns';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { balanceMismatches, flyAndRelease, paidBooking, runLoyalty, seededPoints, summary } from '@/tests/support/loyalty-fixtures';

// Campaigns: bonus points on matching bookings, following the booking's points through
// pending, active and reversed, earning no tier credits (supabase/routines/95_loyalty.sql).

let t: TestDatabase;
let admin: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Campaign admin' })).id;
});
afterAll(async () => { await t?.close(); });
afterEach(async () => {
  expect(await balanceMismatches(t)).toEqual([]);
  expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
});

const ctx = () => ({ actor: admin, role: 'admin', reason: null, ip: null, request_id: `campaign-${Math.random().toString(36).slice(2, 10)}` });
const hours = (n: number) => new Date(Date.now() + n * 36e5).toISOString();
const create = (campaign: Record<string, unknown>, key = `key-${Math.random().toString(36).slice(2, 12)}`) =>
  t.db.call<Campaign & { replayed: boolean }>('loyalty_create_campaign', { ctx: ctx(), campaign, key });
const campaignRows = (user: string) => t.sql<{ state: string; amount: number }>(
  "select state, sum(amount)::int as amount from traqora.loyalty_ledger where member_id = $1 and source = 'campaign' group by state order by state", [user]);

describe('campaigns', () => {
  it('a route multiplier and a fare-family bonus stack on matching bookings, pending then active, with no tier credits', async () => {
    const double = await create({ name: 'Double points to London', kind: 'multiplier', value: 2, starts_at: hours(-1), ends_at: hours(48), origin: 'JFK', destination: 'LHR', cabin: 'economy' });
    expect(double).toMatchObject({ status: 'running', replayed: false });
    const flexBonus = await create({ name: 'Flex bonus', kind: 'fixed', value: 300, starts_at: hours(-1), ends_at: hours(48), fare_family: 'flex' });

    const user = await traveller(t, 'Campaigner');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const booking = await paidBooking(t, user, it0, 'flex');
    const other = await paidBooking(t, user, await nonstop(t, 'LHR', 'JFK'), 'standard');   // matches neither
    await runLoyalty(t);
    const base = seededPoints(booking.price.base_minor, 'flex');
    const credits = Math.floor(booking.price.base_minor / 100) + Math.floor(other.price.base_minor / 100);
    expect(await summary(t, user)).toMatchObject({ points: { pending: base + base + 300 + seededPoints(other.price.base_minor, 'standard') },
      tier_credits: { pending: credits } });
    const [earned] = await t.sql<{ payload: { bonus_points: number; earn: { campaigns: unknown[] } } }>(
      "select payload from traqora.domain_events where type = 'loyalty.points_earned' and payload->>'booking_id' = $1", [booking.id]);
    expect(earned.payload.bonus_points).toBe(base + 300);
    expect(earned.payload.earn.campaigns).toEqual([{ id: double.id, name: 'Double points to London', bonus: base }, { id: flexBonus.id, name: 'Flex bonus', bonus: 300 }]);

    await flyAndRelease(t, it0);
    await runLoyalty(t);
    expect(await campaignRows(user)).toEqual([{ state: 'active', amount: base + 300 }, { state: 'pending', amount: 0 }]);
    expect((await summary(t, user)).tier_credits.this_year).toBe(Math.floor(booking.price.base_minor / 100));
  });

  it('a cancellation reverses the bonus in proportion to the refund, with the fare\'s points', async () => {
    const user = await traveller(t, 'Campaign canceller');
    const booking = await paidBooking(t, user, await nonstop(t, 'JFK', 'LHR'), 'flex');
    await runLoyalty(t);
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    await t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id });
    await runLoyalty(t);
    expect((await summary(t, user)).points).toEqual({ active: 0, pending: 0 });   // flex: refunded in full
    const [reversed] = await t.sql<{ payload: { bonus_points: number; bonus_points_reversed: number; points_reversed: number; points: number } }>(
      "select payload from traqora.domain_events where type = 'loyalty.points_reversed' and payload->>'booking_id' = $1", [booking.id]);
    expect(reversed.payload.bonus_points).toBeGreaterThan(0);
    expect(reversed.payload).toMatchObject({ bonus_points_reversed: reversed.payload.bonus_points, points_reversed: reversed.payload.points });
    // one reversal row for the fare's points and the bonus together; nothing of the bonus kept active
    const [row] = await t.sql<{ amount: number }>("select amount::int from traqora.loyalty_ledger where member_id = $1 and source = 'reversal' and currency = 'points'", [user]);
    expect(row.amount).toBe(-(reversed.payload.points + reversed.payload.bonus_points));
    expect(await campaignRows(user)).toEqual([{ state: 'pending', amount: reversed.payload.bonus_points }]);
  });

  it('an airline campaign gives its bonus on that airline\'s flights only', async () => {
    const user = await traveller(t, 'Airline loyalist');
    // LHR–JFK on a standard fare: outside the route and fare-family campaigns above
    const booking = await paidBooking(t, user, await nonstop(t, 'LHR', 'JFK'), 'standard');
    const [{ airline }] = await t.sql<{ airline: string }>('select airline from traqora.booking_segments where booking_id = $1 order by seq limit 1', [booking.id]);
    const ours = await create({ name: `${airline} bonus`, kind: 'fixed', value: 400, starts_at: hours(-1), ends_at: hours(48), airline });
    await create({ name: 'Another airline\'s bonus', kind: 'fixed', value: 700, starts_at: hours(-1), ends_at: hours(48), airline: airline === 'ZZ' ? 'ZY' : 'ZZ' });
    await runLoyalty(t);
    const [earned] = await t.sql<{ payload: { bonus_points: number; earn: { campaigns: unknown[] } } }>(
      "select payload from traqora.domain_events where type = 'loyalty.points_earned' and payload->>'booking_id' = $1", [booking.id]);
    expect(earned.payload.bonus_points).toBe(400);
    expect(earned.payload.earn.campaigns).toEqual([{ id: ours.id, name: `${airline} bonus`, bonus: 400 }]);
  });

  it('an ended campaign gives no bonus; creating is idempotent per key; bad shapes are 400 naming the field', async () => {
    const key = 'campaign-key-0001';
    const c = await create({ name: 'Short sale', kind: 'fixed', value: 1000, starts_at: hours(-1), ends_at: hours(2), cabin: 'business' }, key);
    expect(await create({ name: 'Short sale', kind: 'fixed', value: 1000, starts_at: hours(-1), ends_at: hours(2), cabin: 'business' }, key)).toMatchObject({ id: c.id, replayed: true });
    expect(await t.db.call('loyalty_end_campaign', { ctx: ctx(), id: c.id })).toMatchObject({ id: c.id, status: 'ended' });
    await expect(t.db.call('loyalty_end_campaign', { ctx: ctx(), id: c.id })).rejects.toMatchObject({ status: 409, field: 'id' });
    await expect(t.db.call('loyalty_end_campaign', { ctx: ctx(), id: 999999 })).rejects.toMatchObject({ status: 404, field: 'id' });
    const audits = await t.sql<{ action: string }>("select action from traqora.audit_log where resource_type = 'loyalty_campaign' and resource_id = $1 order by id", [String(c.id)]);
    expect(audits.map((a) => a.action)).toEqual(['loyalty.campaign_created', 'loyalty.campaign_ended']);

    await expect(create({ name: 'Bad family', kind: 'fixed', value: 10, starts_at: hours(-1), ends_at: hours(2), fare_family: 'gold' })).rejects.toMatchObject({ status: 400, field: 'fare_family' });
    await expect(create({ name: 'Past', kind: 'fixed', value: 10, starts_at: hours(-3), ends_at: hours(-2) })).rejects.toMatchObject({ status: 400, field: 'ends_at' });
    await expect(create({ name: 'Too big', kind: 'multiplier', value: 11, starts_at: hours(-1), ends_at: hours(2) })).rejects.toMatchObject({ status: 400 });

    const page = await t.db.call<{ data: Campaign[]; next_cursor: number | null }>('loyalty_campaigns', { cursor: null, limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(page.next_cursor).not.toBeNull();
  });
});
