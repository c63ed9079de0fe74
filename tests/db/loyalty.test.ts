import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CancellationQuote } from '@/lib/bookings/types';
import type { LoyaltyEntry } from '@/lib/loyalty/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { balanceMismatches, flyAndRelease, paidBooking, runLoyalty, seededPoints, summary } from '@/tests/support/loyalty-fixtures';

// Traqora Rewards earning from booking events (supabase/routines/95_loyalty.sql), through the
// real consumer runner over the outbox.

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14 }); });
afterAll(async () => { await t?.close(); });
afterEach(async () => {
  // every member's balances are the sums of their ledger rows, and money still balances
  expect(await balanceMismatches(t)).toEqual([]);
  expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
});

const loyaltyEvents = (user: string) => t.sql<{ id: number; type: string; payload: Record<string, unknown> }>(
  "select id, type, payload from traqora.domain_events where aggregate_type = 'member' and aggregate_id = $1 order by id", [user]);
const ledger = (user: string) => t.sql<{ currency: string; amount: number; state: string; source: string; event_id: number }>(
  'select currency, amount::int, state, source, event_id::int from traqora.loyalty_ledger where member_id = $1 order by id', [user]);
const cancel = async (user: string, pnr: string) => {
  const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr });
  await t.db.call('confirm_cancellation', { user_id: user, pnr, quote_id: quote.id });
  return quote;
};

describe('earning from bookings', () => {
  it('a paid booking earns pending points on its fare (not taxes); the flight completed makes them active', async () => {
    const user = await traveller(t, 'Earner');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const booking = await paidBooking(t, user, it0, 'standard');
    expect(await summary(t, user)).toMatchObject({ member: false, points: { active: 0, pending: 0 } });   // nothing until the consumer ran

    await runLoyalty(t);
    const points = seededPoints(booking.price.base_minor, 'standard');
    const credits = Math.floor(booking.price.base_minor / 100);
    expect(points).toBeGreaterThan(0);
    expect(await summary(t, user)).toMatchObject({ member: true, tier: 'blue', points: { active: 0, pending: points },
      tier_credits: { this_year: 0, pending: credits } });
    const [earned] = await loyaltyEvents(user);
    expect(earned).toMatchObject({ type: 'loyalty.points_earned', payload: { booking_id: booking.id, pnr: booking.pnr, points, tier_credits: credits, state: 'pending',
      earn: { fare_minor: booking.price.base_minor, points_per_usd: 5, tier_multiplier: 1, fare_family_multiplier: 1 } } });

    await flyAndRelease(t, it0);
    await runLoyalty(t);
    const after = await summary(t, user);
    expect(after).toMatchObject({ points: { active: points, pending: 0 }, tier_credits: { this_year: credits, pending: 0 } });
    // the first flown trip also earns badges (First flight at least: loyalty-badges.test.ts)
    const types = (await loyaltyEvents(user)).map((e) => e.type);
    expect(types.filter((type) => type !== 'loyalty.badge_earned')).toEqual(['loyalty.points_earned', 'loyalty.points_activated']);
    expect(types).toContain('loyalty.badge_earned');
  });

  it('the fare family and the governed rates set the earn', async () => {
    const user = await traveller(t, 'Flex flyer');
    const flex = await paidBooking(t, user, await nonstop(t, 'LHR', 'JFK'), 'flex');
    await runLoyalty(t);
    expect((await summary(t, user)).points.pending).toBe(seededPoints(flex.price.base_minor, 'flex'));

    const admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Rates admin' })).id;
    await t.db.call('set_governed_parameter', { key: 'loyalty.earn_points_per_usd', value: 10, actor: admin, source: 'admin' });
    try {
      const other = await traveller(t, 'Basic flyer');
      const basic = await paidBooking(t, other, await nonstop(t, 'JFK', 'LHR'), 'basic');
      await runLoyalty(t);
      expect((await summary(t, other)).points.pending).toBe(Math.floor(basic.price.base_minor * 10 * 0.5 / 100));
    } finally {
      await t.db.call('set_governed_parameter', { key: 'loyalty.earn_points_per_usd', value: 5, actor: admin, source: 'admin' });
    }
  });

  it('a full refund reverses every pending point; a partial one reverses in proportion to the money refunded and keeps the rest', async () => {
    const user = await traveller(t, 'Canceller');
    const full = await paidBooking(t, user, await nonstop(t, 'JFK', 'LHR'), 'flex');
    await runLoyalty(t);
    await cancel(user, full.pnr);
    await runLoyalty(t);
    expect(await summary(t, user)).toMatchObject({ points: { active: 0, pending: 0 }, tier_credits: { this_year: 0, pending: 0 } });

    const partial = await paidBooking(t, user, await nonstop(t, 'LHR', 'JFK'), 'standard');
    await runLoyalty(t);
    const quote = await cancel(user, partial.pnr);
    await runLoyalty(t);
    const points = seededPoints(partial.price.base_minor, 'standard');
    const credits = Math.floor(partial.price.base_minor / 100);
    expect(quote.refund_minor).toBe(partial.price.total_minor - 7500);
    const reversed = Math.round(points * quote.refund_minor / partial.price.total_minor);
    const reversedCredits = Math.round(credits * quote.refund_minor / partial.price.total_minor);
    expect(reversed).toBeLessThan(points);
    expect(await summary(t, user)).toMatchObject({ points: { active: points - reversed, pending: 0 },
      tier_credits: { this_year: credits - reversedCredits, pending: 0 } });
    const events = (await loyaltyEvents(user)).filter((e) => e.type === 'loyalty.points_reversed');
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ booking_id: full.id, points_reversed: seededPoints(full.price.base_minor, 'flex'), refund_minor: full.price.total_minor }),
      expect.objectContaining({ booking_id: partial.id, points_reversed: reversed, tier_credits_reversed: reversedCredits, refund_minor: quote.refund_minor }),
    ]);
  });

  it('an unpaid cancellation earns and reverses nothing', async () => {
    const user = await traveller(t, 'Window shopper');
    const { book } = await import('../support/booking-fixtures');
    const { booking } = await book(t, user, await nonstop(t, 'JFK', 'LHR'));
    await cancel(user, booking.pnr);
    await runLoyalty(t);
    expect(await ledger(user)).toEqual([]);
    expect(await loyaltyEvents(user)).toEqual([]);
  });

  it('re-delivered events earn nothing twice: the consumer replaying the outbox, or the same event handled again', async () => {
    const user = await traveller(t, 'Replayed');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const booking = await paidBooking(t, user, it0, 'standard');
    await runLoyalty(t);
    await flyAndRelease(t, it0);
    await runLoyalty(t);
    const before = { summary: await summary(t, user), ledger: await ledger(user), events: await loyaltyEvents(user) };

    // a crash before the ack, or an operator retry: the same events again, from the start
    await t.sql("update traqora.event_consumers set last_event_id = 0 where name = 'loyalty'");
    await runLoyalty(t);
    const [paid] = await t.sql<{ id: number }>("select id from traqora.domain_events where type = 'booking.paid' and aggregate_id = $1", [booking.id]);
    const [done] = await t.sql<{ id: number }>("select id from traqora.domain_events where type = 'booking.completed' and aggregate_id = $1", [booking.id]);
    for (const id of [paid.id, done.id, paid.id]) {
      expect(await t.db.call('loyalty_handle_event', { event_id: id })).toMatchObject({ outcome: 'unchanged', status: 'active' });
    }
    expect(await summary(t, user)).toEqual(before.summary);
    expect(await ledger(user)).toEqual(before.ledger);
    expect(await loyaltyEvents(user)).toEqual(before.events);
  });

  it('a booking paid before loyalty saw it earns active points when it completes', async () => {
    const user = await traveller(t, 'Early bird');
    const it0 = await nonstop(t, 'LHR', 'JFK');
    const booking = await paidBooking(t, user, it0, 'flex');
    await flyAndRelease(t, it0);
    const [done] = await t.sql<{ id: number }>("select id from traqora.domain_events where type = 'booking.completed' and aggregate_id = $1", [booking.id]);
    expect(await t.db.call('loyalty_handle_event', { event_id: done.id })).toMatchObject({ outcome: 'earned', status: 'active' });
    expect((await summary(t, user)).points).toEqual({ active: seededPoints(booking.price.base_minor, 'flex'), pending: 0 });
    await runLoyalty(t);   // the paid event, late: nothing more
    expect((await summary(t, user)).points).toEqual({ active: seededPoints(booking.price.base_minor, 'flex'), pending: 0 });
  });

  it('ignores events it does not earn on, and refuses an unknown event id', async () => {
    const [held] = await t.sql<{ id: number }>("select id from traqora.domain_events where type = 'booking.held' limit 1");
    expect(await t.db.call('loyalty_handle_event', { event_id: held.id })).toMatchObject({ outcome: 'ignored' });
    await expect(t.db.call('loyalty_handle_event', { event_id: 987654321 })).rejects.toMatchObject({ status: 404, field: 'event_id' });
  });
});

describe('history, preview and the ledger itself', () => {
  it('pages newest first with a cursor and filters by kind', async () => {
    const user = await traveller(t, 'Historian');
    for (const [from, to] of [['JFK', 'LHR'], ['LHR', 'JFK']]) await paidBooking(t, user, await nonstop(t, from, to), 'standard');
    const it3 = await nonstop(t, 'JFK', 'LHR');
    const third = await paidBooking(t, user, it3, 'flex');
    await runLoyalty(t);
    await cancel(user, third.pnr);
    await runLoyalty(t);

    const page = (kind: string | null, cursor: number | null, limit: number) =>
      t.db.call<{ data: LoyaltyEntry[]; next_cursor: number | null }>('loyalty_history', { user_id: user, kind, cursor, limit });
    const all: LoyaltyEntry[] = [];
    let cursor: number | null = null;
    do {
      const p = await page(null, cursor, 4);
      expect(p.data.length).toBeLessThanOrEqual(4);
      all.push(...p.data);
      cursor = p.next_cursor;
    } while (cursor !== null);
    const rows = await ledger(user);
    expect(all).toHaveLength(rows.length);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);

    const pending = await page('pending', null, 100);
    expect(pending.data).toHaveLength(6);   // points and tier credits of three paid bookings
    expect(pending.data.every((e) => e.kind === 'pending' && e.amount > 0)).toBe(true);
    const reversed = await page('reversed', null, 100);
    expect(reversed.data.map((e) => e.currency).sort()).toEqual(['points', 'tier_credits']);
    expect(reversed.data.every((e) => e.amount < 0 && e.source_ref === third.id)).toBe(true);
    await expect(page('bogus', null, 10)).rejects.toMatchObject({ status: 400, field: 'kind' });
    await expect(page(null, null, 0)).rejects.toMatchObject({ status: 400, field: 'limit' });
  });

  it('previews what a fare would earn at the member\'s tier', async () => {
    const user = await traveller(t, 'Previewer');
    expect(await t.db.call('loyalty_earn_preview', { user_id: user, base_minor: 40_000, fare_family: 'flex', currency: 'USD' }))
      .toMatchObject({ points: 3000, tier_credits: 400, tier: 'blue' });
    await expect(t.db.call('loyalty_earn_preview', { user_id: user, base_minor: 100, fare_family: 'gold', currency: 'USD' }))
      .rejects.toMatchObject({ status: 400, field: 'fare_family' });
  });

  it('is append-only, and the balance check catches a balance that does not match its rows', async () => {
    const [row] = await t.sql<{ id: number; member_id: string }>('select id, member_id from traqora.loyalty_ledger limit 1');
    await expect(t.sql('update traqora.loyalty_ledger set amount = 1 where id = $1', [row.id])).rejects.toThrow(/append-only/);
    await expect(t.sql('delete from traqora.loyalty_ledger where id = $1', [row.id])).rejects.toThrow(/append-only/);
    await t.sql('update traqora.loyalty_members set points_active = points_active + 1 where user_id = $1', [row.member_id]);
    expect(await balanceMismatches(t)).toEqual([expect.objectContaining({ user_id: row.member_id })]);
    await t.sql('update traqora.loyalty_members set points_active = points_active - 1 where user_id = $1', [row.member_id]);
  });
});
