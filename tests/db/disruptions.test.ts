import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, CancellationQuote, WalletHistory } from '@/lib/bookings/types';
import type { Itinerary } from '@/lib/flights/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, seatsLeft, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { paidBooking, runLoyalty, summary } from '@/tests/support/loyalty-fixtures';

// Flight disruptions (supabase/routines/65_disruptions.sql): a cancellation refunds every paid
// booking in full exactly once and cancels the holds; a long delay grants free cancellation.

let t: TestDatabase;
let ops: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  ops = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'ops', name: 'Disruption Desk' })).id;
});
afterAll(async () => { await t?.close(); });
afterEach(async () => { expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true); });

const ctx = (reason = 'Crew shortage at the hub') => ({ actor: ops, role: 'ops', reason, ip: '203.0.113.7', request_id: 'disruption-test-0001' });
type Outcome = { flight: { id: number; status: string; delay_minutes: number; departs_at: string }; changed: boolean; refunded: { pnr: string; refund_minor: number; was_paid: boolean }[]; waived: string[] };
const setStatus = (flight: number, status: string, extra: { departs_at?: string; arrives_at?: string } = {}, reason?: string) =>
  t.db.call<Outcome>('admin_set_flight_status', { ctx: ctx(reason), flight_id: flight, status, departs_at: extra.departs_at ?? null, arrives_at: extra.arrives_at ?? null });
const get = (user: string, pnr: string) => t.db.call<Booking & { waivers: { kind: string; reason: string; delay_minutes: number }[] }>('get_booking', { user_id: user, pnr });
const wallet = (user: string) => t.db.call<WalletHistory>('wallet_history', { user_id: user });
const events = (type: string, aggregate: string) =>
  t.sql<{ id: number; payload: Record<string, unknown> }>('select id, payload from traqora.domain_events where type = $1 and aggregate_id = $2 order by id', [type, aggregate]);
const capacity = async (flight: number) => (await t.sql<{ n: number }>("select capacity as n from traqora.flight_cabins where flight_id = $1 and cabin = 'economy'", [flight]))[0].n;

let route = 0;
const ROUTES: [string, string][] = [['JFK', 'LHR'], ['LHR', 'JFK'], ['LAX', 'JFK'], ['JFK', 'LAX'], ['SFO', 'JFK'], ['JFK', 'SFO']];
async function freshFlight(): Promise<Itinerary> {
  const [from, to] = ROUTES[route++ % ROUTES.length];
  const it0 = await nonstop(t, from, to);
  // a flight no other test touched: the next departure on the route without bookings
  const [row] = await t.sql<{ id: number }>(
    `select f.id::int from traqora.flights f where f.origin = $1 and f.destination = $2 and f.departs_at > now() + interval '5 days'
       and f.status = 'scheduled' and not exists (select 1 from traqora.booking_segments s where s.flight_id = f.id)
     order by f.departs_at limit 1`, [from, to]);
  return { ...it0, flight_ids: [row.id] };
}

describe('cancelling a flight', () => {
  it('refunds each paid booking in full, cancels holds, returns the seats, audits once and emits', async () => {
    const it0 = await freshFlight();
    const flight = it0.flight_ids[0];
    const cap = await capacity(flight);
    const [a, b, c] = await Promise.all(['Basic payer', 'Flex payer', 'Holder'].map((n) => traveller(t, `${n} ${route}`)));
    const basic = await paidBooking(t, a, it0, 'basic');     // non-refundable fare: still refunded in full
    const flex = await paidBooking(t, b, it0, 'flex');
    const { booking: held } = await book(t, c, it0);
    const walletBefore = (await wallet(a)).balance_minor;

    const out = await setStatus(flight, 'cancelled');
    expect(out.changed).toBe(true);
    expect(out.flight.status).toBe('cancelled');
    expect(out.refunded.map((r) => r.pnr).sort()).toEqual([basic.pnr, flex.pnr, held.pnr].sort());

    expect(await get(a, basic.pnr)).toMatchObject({ status: 'refunded', refund_minor: basic.price.total_minor, escrow_balance_minor: 0 });
    expect((await wallet(a)).balance_minor).toBe(walletBefore + basic.price.total_minor);
    expect(await get(b, flex.pnr)).toMatchObject({ status: 'refunded', refund_minor: flex.price.total_minor });
    expect(await get(c, held.pnr)).toMatchObject({ status: 'cancelled', refund_minor: null });
    expect(await seatsLeft(t, flight)).toBe(cap);

    const [changed] = await events('flight.status_changed', String(flight));
    expect(changed.payload).toMatchObject({ from_status: 'scheduled', to_status: 'cancelled' });
    expect((changed.payload.bookings as { pnr: string; status: string }[]).map((x) => [x.pnr, x.status]).sort())
      .toEqual([[basic.pnr, 'refunded'], [flex.pnr, 'refunded'], [held.pnr, 'cancelled']].sort());
    const [refunded] = await events('booking.refunded', basic.id);
    expect(refunded.payload).toMatchObject({ refund_minor: basic.price.total_minor, was_paid: true, refund_to: 'wallet', cause: 'flight_cancelled', flight_id: flight });
    expect(refunded.id).toBeGreaterThan(changed.id);
    expect(await events('booking.refunded', held.id)).toHaveLength(0);
    expect(await events('booking.cancelled', held.id)).toHaveLength(1);

    const audit = await t.sql<{ action: string; actor_role: string; reason: string; after: { bookings_refunded: number } }>(
      "select action, actor_role, reason, after from traqora.audit_log where resource_type = 'flight' and resource_id = $1", [String(flight)]);
    expect(audit).toEqual([expect.objectContaining({ action: 'flight.cancelled', actor_role: 'ops', reason: 'Crew shortage at the hub', after: expect.objectContaining({ bookings_refunded: 3 }) })]);
  });

  it('a second cancellation changes nothing and refunds nothing again', async () => {
    const it0 = await freshFlight();
    const user = await traveller(t, 'Twice cancelled');
    const booking = await paidBooking(t, user, it0, 'standard');
    await setStatus(it0.flight_ids[0], 'cancelled');
    const balance = (await wallet(user)).balance_minor;
    const again = await setStatus(it0.flight_ids[0], 'cancelled');
    expect(again).toMatchObject({ changed: false, refunded: [] });
    expect((await wallet(user)).balance_minor).toBe(balance);
    expect(await events('booking.refunded', booking.id)).toHaveLength(1);
    const [{ n }] = await t.sql<{ n: number }>("select count(*)::int as n from traqora.audit_log where resource_type = 'flight' and resource_id = $1", [String(it0.flight_ids[0])]);
    expect(n).toBe(1);
  });

  it('the loyalty consumer reverses the points of a refunded booking once', async () => {
    const it0 = await freshFlight();
    const user = await traveller(t, 'Points holder');
    await paidBooking(t, user, it0, 'flex');
    await runLoyalty(t);
    expect((await summary(t, user)).points.pending).toBeGreaterThan(0);
    await setStatus(it0.flight_ids[0], 'cancelled');
    await runLoyalty(t);
    await runLoyalty(t);
    expect((await summary(t, user)).points).toMatchObject({ pending: 0, active: 0 });
    const reversed = await t.sql("select 1 from traqora.domain_events where type = 'loyalty.points_reversed' and aggregate_id = $1", [user]);
    expect(reversed).toHaveLength(1);
  });

  it('on the soroban rail the refund is queued in the settlement outbox, one row per segment, for the whole amount', async () => {
    const it0 = await freshFlight();
    const user = await traveller(t, 'Chain payer');
    const { booking } = await book(t, user, it0);
    // paid on chain (confirm_chain_payment is the real path; the rail's own tests cover it)
    await t.sql("update traqora.bookings set payment_rail = 'soroban', paid_at = now() where id = $1", [booking.id]);
    await t.sql("select traqora.set_status($1, 'paid', 'Paid on chain (test)')", [booking.id]);
    await setStatus(it0.flight_ids[0], 'cancelled');
    const rows = await t.sql<{ kind: string; refund_minor: number; status: string }>(
      'select kind, refund_minor::int, status from traqora.chain_settlements where booking_id = $1', [booking.id]);
    expect(rows).toEqual([{ kind: 'cancellation', refund_minor: booking.price.total_minor, status: 'pending' }]);
    expect(await get(user, booking.pnr)).toMatchObject({ status: 'refunded', refund_minor: booking.price.total_minor });
    const [refunded] = await events('booking.refunded', booking.id);
    expect(refunded.payload).toMatchObject({ refund_to: 'payer' });
  });

  it('refuses a flight that has flown, an unknown flight, a bad status and a missing reason', async () => {
    const [past] = await t.sql<{ id: number }>("select id::int from traqora.flights where arrives_at < now() order by departs_at desc limit 1");
    if (past) await expect(setStatus(past.id, 'cancelled')).rejects.toMatchObject({ status: 409, field: 'status' });
    await expect(setStatus(999_999_999, 'cancelled')).rejects.toMatchObject({ status: 404, field: 'id' });
    const it0 = await freshFlight();
    await expect(setStatus(it0.flight_ids[0], 'landed')).rejects.toMatchObject({ status: 400, field: 'status' });
    await expect(setStatus(it0.flight_ids[0], 'cancelled', {}, ' ')).rejects.toMatchObject({ status: 400, field: 'reason' });
  });
});

describe('delaying a flight', () => {
  const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

  it('moves the times, keeps the schedule, and over 3 hours (cumulative) grants free cancellation', async () => {
    const it0 = await freshFlight();
    const flight = it0.flight_ids[0];
    const user = await traveller(t, 'Delayed flyer');
    const booking = await paidBooking(t, user, it0, 'basic');
    const [f] = await t.sql<{ departs_at: Date; arrives_at: Date }>('select departs_at, arrives_at from traqora.flights where id = $1', [flight]);
    const departs = f.departs_at.toISOString();
    const block = f.arrives_at.getTime() - f.departs_at.getTime();

    const first = await setStatus(flight, 'delayed', { departs_at: later(departs, 120) });
    expect(first).toMatchObject({ changed: true, waived: [], flight: { status: 'delayed', delay_minutes: 120 } });
    const [row] = await t.sql<{ arrives_at: Date; scheduled_departs_at: Date }>('select arrives_at, scheduled_departs_at from traqora.flights where id = $1', [flight]);
    expect(row.arrives_at.getTime()).toBe(Date.parse(later(departs, 120)) + block);   // same block time
    expect(row.scheduled_departs_at.toISOString()).toBe(departs);
    expect((await get(user, booking.pnr)).waivers).toEqual([]);

    // 2 h, then 3 h 15 min from the schedule: over the threshold in total
    const second = await setStatus(flight, 'delayed', { departs_at: later(departs, 195) });
    expect(second).toMatchObject({ changed: true, waived: [booking.id], flight: { delay_minutes: 195 } });
    expect((await get(user, booking.pnr)).waivers).toEqual([expect.objectContaining({ kind: 'free_cancellation', delay_minutes: 195 })]);
    expect(await events('flight.retimed', String(flight))).toHaveLength(1);
    expect(await events('flight.status_changed', String(flight))).toHaveLength(1);
    expect(await events('booking.free_cancellation_granted', booking.id)).toHaveLength(1);

    // a basic fare refunds only taxes, but the waiver refunds everything
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    expect(quote).toMatchObject({ refund_minor: booking.price.total_minor, penalty_minor: 0 });
    expect(quote.reason).toMatch(/^Free cancellation: flight .* delayed by 3 h 15 min/);
  });

  it('exactly 3 hours is not over the threshold', async () => {
    const it0 = await freshFlight();
    const user = await traveller(t, 'Three hours');
    const booking = await paidBooking(t, user, it0, 'basic');
    const [f] = await t.sql<{ departs_at: Date }>('select departs_at from traqora.flights where id = $1', [it0.flight_ids[0]]);
    const out = await setStatus(it0.flight_ids[0], 'delayed', { departs_at: later(f.departs_at.toISOString(), 180) });
    expect(out.waived).toEqual([]);
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    expect(quote.refund_minor).toBe(booking.price.taxes_minor);
  });

  it('refuses an earlier time, an arrival before departure, and a flight already cancelled', async () => {
    const it0 = await freshFlight();
    const flight = it0.flight_ids[0];
    const [f] = await t.sql<{ departs_at: Date }>('select departs_at from traqora.flights where id = $1', [flight]);
    const departs = f.departs_at.toISOString();
    await expect(setStatus(flight, 'delayed', { departs_at: later(departs, -30) })).rejects.toMatchObject({ status: 422, field: 'departs_at' });
    await expect(setStatus(flight, 'delayed', { departs_at: later(departs, 30), arrives_at: later(departs, 20) })).rejects.toMatchObject({ status: 422, field: 'arrives_at' });
    await expect(setStatus(flight, 'delayed', {})).rejects.toMatchObject({ status: 400, field: 'departs_at' });
    await setStatus(flight, 'cancelled');
    await expect(setStatus(flight, 'delayed', { departs_at: later(departs, 30) })).rejects.toMatchObject({ status: 409, field: 'status' });
  });
});

describe('the schedule list', () => {
  it('filters by airline, status and designator, pages by cursor without gaps', async () => {
    const all = await t.db.call<{ data: { id: number; airline: string; departs_at: string }[]; next: { departs_at: string; id: number } | null }>('admin_list_flights', { airline: 'BA', limit: 5 });
    expect(all.data).toHaveLength(5);
    expect(all.data.every((f) => f.airline === 'BA')).toBe(true);
    const page2 = await t.db.call<{ data: { id: number }[] }>('admin_list_flights', { airline: 'BA', limit: 5, after_departs: all.next!.departs_at, after_id: all.next!.id });
    const both = await t.db.call<{ data: { id: number }[] }>('admin_list_flights', { airline: 'BA', limit: 10 });
    expect([...all.data, ...page2.data].map((f) => f.id)).toEqual(both.data.map((f) => f.id));
    const cancelled = await t.db.call<{ data: { status: string }[] }>('admin_list_flights', { status: 'cancelled' });
    expect(cancelled.data.length).toBeGreaterThan(0);
    expect(cancelled.data.every((f) => f.status === 'cancelled')).toBe(true);
    await expect(t.db.call('admin_list_flights', { status: 'lost' })).rejects.toMatchObject({ status: 400, field: 'status' });
  });
});

// Races only a real server can stage: many connections, each its own transaction.
describe.skipIf(process.env.DB_TARGET !== 'postgres')('cancellations under concurrency (PostgreSQL)', () => {
  let pg: TestDatabase;
  beforeAll(async () => {
    pg = await openTestDatabase({ seed: true, scheduleDays: 14, poolSize: 40 });
    ops = (await pg.db.call<{ id: string }>('upsert_dev_persona', { role: 'ops', name: 'Race Desk' })).id;
  });
  afterAll(async () => { await pg?.close(); });

  it('20 concurrent cancellations of one flight refund each of its 8 paid bookings exactly once', async () => {
    const it0 = await nonstop(pg, 'JFK', 'LHR');
    const users = await Promise.all(Array.from({ length: 8 }, (_, i) => traveller(pg, `Racer ${i}`)));
    const bookings: Booking[] = [];
    for (const u of users) bookings.push(await paidBooking(pg, u, it0, 'standard'));
    const results = await Promise.allSettled(Array.from({ length: 20 }, () =>
      pg.db.call<Outcome>('admin_set_flight_status', { ctx: ctx(), flight_id: it0.flight_ids[0], status: 'cancelled', departs_at: null, arrives_at: null })));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const outcomes = results.map((r) => (r as PromiseFulfilledResult<Outcome>).value);
    expect(outcomes.filter((o) => o.changed)).toHaveLength(1);
    const [{ n }] = await pg.sql<{ n: number }>(
      "select count(*)::int as n from traqora.ledger_transactions where kind = 'refund' and booking_id = any($1::uuid[])", [bookings.map((b) => b.id)]);
    expect(n).toBe(8);
    for (let i = 0; i < users.length; i++) {
      const w = await pg.db.call<WalletHistory>('wallet_history', { user_id: users[i] });
      expect(w.entries.filter((e) => e.kind === 'refund')).toHaveLength(1);
      expect(w.entries.find((e) => e.kind === 'refund')?.amount_minor).toBe(bookings[i].price.total_minor);
    }
    const [{ e }] = await pg.sql<{ e: number }>("select count(*)::int as e from traqora.domain_events where type = 'booking.refunded' and aggregate_id = any($1)", [bookings.map((b) => b.id)]);
    expect(e).toBe(8);
    expect(Object.values(await trialBalance(pg)).every((v) => v === 0)).toBe(true);
  });

  it('a flight cancelled while its travellers cancel, pay and book refunds each booking once and conserves seats', async () => {
    const it0 = await nonstop(pg, 'LHR', 'JFK');
    const flight = it0.flight_ids[0];
    const cap = await (async () => (await pg.sql<{ n: number }>("select capacity as n from traqora.flight_cabins where flight_id = $1 and cabin = 'economy'", [flight]))[0].n)();
    const payers = await Promise.all(Array.from({ length: 6 }, (_, i) => traveller(pg, `Payer ${i}`)));
    const paid: Booking[] = [];
    for (const u of payers) paid.push(await paidBooking(pg, u, it0, 'flex'));
    const holders = await Promise.all(Array.from({ length: 6 }, (_, i) => traveller(pg, `Holder ${i}`)));
    const held: Booking[] = [];
    for (const u of holders) held.push((await book(pg, u, it0)).booking);
    const quotes = await Promise.all(paid.slice(0, 3).map((b, i) => pg.db.call<CancellationQuote>('quote_cancellation', { user_id: payers[i], pnr: b.pnr })));
    const newcomers = await Promise.all(Array.from({ length: 4 }, (_, i) => traveller(pg, `Late ${i}`)));

    await Promise.allSettled([
      pg.db.call('admin_set_flight_status', { ctx: ctx(), flight_id: flight, status: 'cancelled', departs_at: null, arrives_at: null }),
      ...quotes.map((q, i) => pg.db.call('confirm_cancellation', { user_id: payers[i], pnr: paid[i].pnr, quote_id: q.id })),
      ...held.map((b, i) => pg.db.call('pay_booking', { user_id: holders[i], pnr: b.pnr, demo_funding_minor: 10_000_000 })),
      ...newcomers.map((u) => book(pg, u, it0)),
    ]);
    // every booking on the flight is closed, each paid one refunded exactly once
    const rows = await pg.sql<{ status: string; refunds: number; refunded: number; total: number }>(
      `select b.status, b.total_minor::int as total,
              (select count(*)::int from traqora.ledger_transactions t where t.booking_id = b.id and t.kind = 'refund') as refunds,
              coalesce((select sum(p.amount_minor)::int from traqora.ledger_postings p join traqora.ledger_transactions t on t.id = p.transaction_id
                        join traqora.ledger_accounts a on a.id = p.account_id where t.booking_id = b.id and t.kind = 'refund' and a.kind = 'wallet'), 0) as refunded
       from traqora.bookings b join traqora.booking_segments s on s.booking_id = b.id where s.flight_id = $1`, [flight]);
    expect(rows.every((r) => ['refunded', 'cancelled'].includes(r.status))).toBe(true);
    for (const r of rows) expect(r.refunds).toBe(r.status === 'refunded' ? 1 : 0);
    for (const r of rows.filter((x) => x.status === 'refunded')) expect(r.refunded).toBe(r.total);   // flex: in full, either way
    expect((await pg.sql<{ n: number }>("select seats_available as n from traqora.flight_cabins where flight_id = $1 and cabin = 'economy'", [flight]))[0].n).toBe(cap);
    expect(Object.values(await trialBalance(pg)).every((v) => v === 0)).toBe(true);
  });
});
