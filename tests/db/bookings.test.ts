import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CancellationQuote, WalletHistory } from '@/lib/bookings/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { adults, book, contact, nonstop, seatsLeft, traveller, trialBalance } from '@/tests/support/booking-fixtures';

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14 }); });
afterAll(async () => { await t?.close(); });
// Money is conserved after every test: the whole ledger sums to zero.
afterEach(async () => { expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true); });

const FUNDS = 1_000_000;

describe('search_itineraries and price_offer', () => {
  it('prices a party: children 75%, lap infants 10% and no seat taxes, families in rank order', async () => {
    const solo = await nonstop(t);
    const family = await nonstop(t, 'JFK', 'LHR', { adults: 2, children: 1, infants: 1 });
    const s = solo.fares.find((f) => f.family === 'standard')!;
    const f = family.fares.find((x) => x.family === 'standard')!;
    const adult = s.per_adult_minor;
    expect(f.base_minor).toBe(adult * 2 + Math.round(adult * 0.75) + Math.round(adult * 0.1));
    expect(f.taxes_minor).toBe(s.taxes_minor * 3);
    expect(family.fares.map((x) => x.family)).toEqual(['basic', 'standard', 'flex']);
    expect(family.fares[0].total_minor).toBeLessThan(family.fares[2].total_minor);
  });

  it('reprices an offer to the same total search showed, summing slices for a round trip', async () => {
    const out = await nonstop(t, 'JFK', 'LHR');
    const back = await nonstop(t, 'LHR', 'JFK');
    const single = await t.db.call<{ total_minor: number; available: boolean }>('price_offer', { slices: [out.flight_ids], cabin: 'economy', family: 'flex', adults: 1 });
    expect(single).toMatchObject({ available: true, total_minor: out.fares[2].total_minor });
    const round = await t.db.call<{ total_minor: number }>('price_offer', { slices: [out.flight_ids, back.flight_ids], cabin: 'economy', family: 'flex', adults: 1 });
    expect(round.total_minor).toBe(out.fares[2].total_minor + back.fares[2].total_minor);
  });

  it('offers only families sold in the cabin (no basic in business)', async () => {
    const biz = await nonstop(t, 'JFK', 'LHR', { cabin: 'business' });
    expect(biz.fares.map((f) => f.family)).toEqual(['standard', 'flex']);
    await expect(t.db.call('price_offer', { slices: [biz.flight_ids], cabin: 'business', family: 'basic', adults: 1 }))
      .rejects.toMatchObject({ status: 400, field: 'fare_family' });
  });

  it('finds one-stop connections with a legal connection time', async () => {
    const day = new Date(Date.now() + 8 * 864e5).toISOString().slice(0, 10);
    const found = await t.db.call<{ stops: number; segments: { departs_at: string; arrives_at: string }[] }[]>('search_itineraries', {
      origin: 'BOS', destination: 'LHR', date_from: day, date_to: day, cabin: 'economy', adults: 1, children: 0, infants: 0, max_stops: 1 });
    const connecting = found.filter((i) => i.stops === 1);
    expect(connecting.length).toBeGreaterThan(0);
    for (const c of connecting) {
      const gap = (Date.parse(c.segments[1].departs_at) - Date.parse(c.segments[0].arrives_at)) / 60000;
      expect(gap).toBeGreaterThanOrEqual(45);
      expect(gap).toBeLessThanOrEqual(360);
    }
  });
});

describe('create_booking', () => {
  it('holds seats for 15 minutes and answers a retry with the same key without holding more', async () => {
    const user = await traveller(t, 'Holder');
    const it = await nonstop(t);
    const before = await seatsLeft(t, it.flight_ids[0]);
    const key = 'retry-key-0001';
    const first = await book(t, user, it, { passengers: adults(2), key });
    expect(first.booking).toMatchObject({ status: 'held', fare_family: 'standard', passenger_counts: { adults: 2, children: 0, infants: 0 } });
    expect(first.booking.pnr).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(first.booking.available_actions).toEqual(['pay', 'cancel']);
    const minutes = (Date.parse(first.booking.hold_expires_at) - Date.now()) / 60000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const again = await book(t, user, it, { passengers: adults(2), key });
    expect(again.replayed).toBe(true);
    expect(again.booking.pnr).toBe(first.booking.pnr);
    expect(await seatsLeft(t, it.flight_ids[0])).toBe(before - 2);
  });

  it('refuses a key reused for another request', async () => {
    const user = await traveller(t, 'Reuser');
    const it = await nonstop(t);
    await book(t, user, it, { key: 'same-key-0001' });
    await expect(t.db.call('create_booking', { user_id: user, idempotency_key: 'same-key-0001', request_hash: 'other', slices: [it.flight_ids], cabin: 'economy',
      fare_family: 'standard', passengers: adults(1), contact, expected_total: 1, currency: 'USD' })).rejects.toMatchObject({ status: 422, field: 'Idempotency-Key' });
  });

  it('refuses a changed price and writes nothing', async () => {
    const user = await traveller(t, 'Bargain');
    const it = await nonstop(t);
    const before = await seatsLeft(t, it.flight_ids[0]);
    await expect(book(t, user, it, { total: 100 })).rejects.toMatchObject({ status: 409, field: 'offer_id' });
    expect(await seatsLeft(t, it.flight_ids[0])).toBe(before);
    expect(await t.sql('select 1 from traqora.bookings where user_id = $1', [user])).toHaveLength(0);
  });

  it('refuses more infants than adults, and no adult', async () => {
    const user = await traveller(t, 'Lap');
    const it = await nonstop(t, 'JFK', 'LHR', { infants: 0 });
    const infant = { type: 'infant', given_name: 'Tiny', family_name: 'Lovelace', date_of_birth: '2026-01-01', infant_of: 1 };
    await expect(book(t, user, it, { passengers: [...adults(1), infant, { ...infant, given_name: 'Tim' }] })).rejects.toMatchObject({ status: 400, field: 'passengers' });
    await expect(book(t, user, it, { passengers: [{ ...adults(1)[0], type: 'child' }] })).rejects.toMatchObject({ status: 400, field: 'passengers' });
  });

  it('refuses names with characters airlines cannot print (constraint → 422, nothing written)', async () => {
    const user = await traveller(t, 'Emoji');
    const it = await nonstop(t);
    const before = await seatsLeft(t, it.flight_ids[0]);
    await expect(book(t, user, it, { passengers: [{ ...adults(1)[0], given_name: 'Ad@' }] })).rejects.toMatchObject({ status: 422 });
    expect(await seatsLeft(t, it.flight_ids[0])).toBe(before);
  });

  it('refuses when not enough seats are left', async () => {
    const user = await traveller(t, 'Late');
    const it = await nonstop(t, 'LHR', 'JFK');
    await t.sql("update traqora.flight_cabins set seats_available = 1 where flight_id = $1 and cabin = 'economy'", [it.flight_ids[0]]);
    const priced = await t.db.call<{ available: boolean }>('price_offer', { slices: [it.flight_ids], cabin: 'economy', family: 'standard', adults: 2 });
    expect(priced.available).toBe(false);
    await expect(book(t, user, it, { passengers: adults(2), total: 1 })).rejects.toMatchObject({ status: 409 });
    expect(await seatsLeft(t, it.flight_ids[0])).toBe(1);
  });
});

describe('payment, release and the state machine', () => {
  it('pays from the wallet into escrow (funding a new ledger wallet once) and never charges twice', async () => {
    const user = await traveller(t, 'Payer');
    const it = await nonstop(t);
    const { booking } = await book(t, user, it);
    const paid = await t.db.call<{ booking: { status: string; escrow_balance_minor: number; available_actions: string[] } }>('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: FUNDS });
    expect(paid.booking).toMatchObject({ status: 'paid', escrow_balance_minor: booking.price.total_minor, available_actions: ['cancel'] });
    const again = await t.db.call<{ replayed: boolean }>('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: FUNDS });
    expect(again.replayed).toBe(true);
    const wallet = await t.db.call<WalletHistory>('wallet_history', { user_id: user });
    expect(wallet.balance_minor).toBe(FUNDS - booking.price.total_minor);
    expect(wallet.entries.map((e) => e.kind)).toEqual(['payment', 'demo_deposit']);
  });

  it('refuses payment of an expired hold and lets the job return its seats', async () => {
    const user = await traveller(t, 'Slow');
    const it = await nonstop(t);
    const { booking } = await book(t, user, it, { passengers: adults(3) });
    const held = await seatsLeft(t, it.flight_ids[0]);
    await t.sql("update traqora.bookings set hold_expires_at = now() - interval '1 second' where pnr = $1", [booking.pnr]);
    await expect(t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: FUNDS })).rejects.toMatchObject({ status: 409, field: 'hold_expires_at' });
    const { expired } = await t.db.call<{ expired: number }>('expire_holds', {});
    expect(expired).toBeGreaterThanOrEqual(1);
    expect(await seatsLeft(t, it.flight_ids[0])).toBe(held + 3);
    const after = await t.db.call<{ status: string; timeline: { status: string }[] }>('get_booking', { user_id: user, pnr: booking.pnr });
    expect(after.status).toBe('expired');
    expect(after.timeline.map((e) => e.status)).toEqual(['held', 'expired']);
  });

  it('refuses to pay beyond the wallet balance', async () => {
    const user = await traveller(t, 'Broke');
    const it = await nonstop(t);
    const { booking } = await book(t, user, it);
    await expect(t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 100 })).rejects.toMatchObject({ status: 409, field: 'wallet' });
  });

  it('releases escrow to the airline less the platform fee once the flight has landed', async () => {
    const user = await traveller(t, 'Flyer');
    const it = await nonstop(t);
    const { booking } = await book(t, user, it);
    await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: FUNDS });
    await t.sql(`update traqora.flights set departs_at = now() - interval '10 hours', arrives_at = now() - interval '3 hours' where id = $1`, [it.flight_ids[0]]);
    const { released } = await t.db.call<{ released: number }>('release_flown_bookings', {});
    expect(released).toBeGreaterThanOrEqual(1);
    const done = await t.db.call<{ status: string; escrow_balance_minor: number; available_actions: string[] }>('get_booking', { user_id: user, pnr: booking.pnr });
    expect(done).toMatchObject({ status: 'completed', escrow_balance_minor: 0, available_actions: [] });
    const [{ fee }] = await t.sql<{ fee: number }>(`select sum(p.amount_minor)::int as fee from traqora.ledger_postings p join traqora.ledger_accounts a on a.id = p.account_id
      join traqora.ledger_transactions x on x.id = p.transaction_id where a.kind = 'platform_fees' and x.booking_id = $1`, [booking.id]);
    expect(fee).toBe(Math.floor(booking.price.total_minor * 250 / 10000));
    // a completed booking can no longer be cancelled or paid
    await expect(t.db.call('quote_cancellation', { user_id: user, pnr: booking.pnr })).rejects.toMatchObject({ status: 409 });
  });

  it('refuses illegal transitions, whoever attempts them', async () => {
    const user = await traveller(t, 'Rogue');
    const it = await nonstop(t);
    const { booking } = await book(t, user, it);
    await expect(t.sql("update traqora.bookings set status = 'completed' where pnr = $1", [booking.pnr])).rejects.toThrow(/held booking cannot become completed/);
  });

  it('keeps postings append-only and every transaction balanced', async () => {
    await expect(t.sql('update traqora.ledger_postings set amount_minor = amount_minor + 1')).rejects.toThrow(/append-only/);
    await expect(t.sql(`with x as (insert into traqora.ledger_transactions (kind, memo) values ('refund', 'unbalanced') returning id)
      insert into traqora.ledger_postings (transaction_id, account_id, amount_minor, currency) select x.id, (select min(id) from traqora.ledger_accounts), 5, 'USD' from x`))
      .rejects.toThrow(/does not balance/);
  });
});

describe('cancellation: quote then confirm', () => {
  async function paidBooking(name: string, family: string, pax = 1) {
    const user = await traveller(t, name);
    const it = await nonstop(t);
    const { booking } = await book(t, user, it, { family, passengers: adults(pax) });
    await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: FUNDS });
    return { user, booking, it };
  }

  it('refunds a standard fare less the per-passenger fee, returns the seats, and executes exactly the quote', async () => {
    const { user, booking, it } = await paidBooking('Canceller', 'standard', 2);
    const seats = await seatsLeft(t, it.flight_ids[0]);
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    expect(quote).toMatchObject({ refund_minor: booking.price.total_minor - 2 * 7500, penalty_minor: 15000, refund_to: 'wallet' });
    const done = await t.db.call<{ booking: { status: string; refund_minor: number; escrow_balance_minor: number } }>('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id });
    expect(done.booking).toMatchObject({ status: 'refunded', refund_minor: quote.refund_minor, escrow_balance_minor: 0 });
    expect(await seatsLeft(t, it.flight_ids[0])).toBe(seats + 2);
    const wallet = await t.db.call<WalletHistory>('wallet_history', { user_id: user });
    expect(wallet.balance_minor).toBe(FUNDS - booking.price.total_minor + quote.refund_minor);
    expect(wallet.entries[0]).toMatchObject({ kind: 'refund', amount_minor: quote.refund_minor, pnr: booking.pnr });
    const replay = await t.db.call<{ replayed: boolean }>('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id });
    expect(replay.replayed).toBe(true);
    expect((await t.db.call<WalletHistory>('wallet_history', { user_id: user })).balance_minor).toBe(wallet.balance_minor);
  });

  it('refunds only taxes on a basic fare and pays the rest to the airline', async () => {
    const { user, booking } = await paidBooking('Basic', 'basic');
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    expect(quote).toMatchObject({ refund_minor: booking.price.taxes_minor, penalty_minor: booking.price.base_minor });
    const done = await t.db.call<{ booking: { status: string } }>('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id });
    expect(done.booking.status).toBe('refunded');
  });

  it('refunds a flex fare in full', async () => {
    const { user, booking } = await paidBooking('Flexi', 'flex');
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    expect(quote).toMatchObject({ refund_minor: booking.price.total_minor, penalty_minor: 0 });
  });

  it('cancels an unpaid hold without moving money', async () => {
    const user = await traveller(t, 'Browser');
    const it = await nonstop(t);
    const { booking } = await book(t, user, it);
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    expect(quote).toMatchObject({ refund_minor: 0, refund_to: 'none' });
    const done = await t.db.call<{ booking: { status: string; payments: unknown[] } }>('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id });
    expect(done.booking).toMatchObject({ status: 'cancelled', payments: [] });
  });

  it('confirms only the latest, unexpired quote', async () => {
    const { user, booking } = await paidBooking('Picky', 'standard');
    const old = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    const latest = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    await expect(t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: old.id })).rejects.toMatchObject({ status: 409, field: 'quote_id' });
    await t.sql("update traqora.cancellation_quotes set expires_at = now() - interval '1 second' where id = $1", [latest.id]);
    await expect(t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: latest.id })).rejects.toMatchObject({ status: 409, field: 'quote_id' });
  });

  it('hides other travellers’ bookings, but lets an admin act', async () => {
    const { booking } = await paidBooking('Owner', 'flex');
    const stranger = await traveller(t, 'Stranger');
    await expect(t.db.call('get_booking', { user_id: stranger, pnr: booking.pnr })).rejects.toMatchObject({ status: 404, field: 'pnr' });
    await expect(t.db.call('quote_cancellation', { user_id: stranger, pnr: booking.pnr })).rejects.toMatchObject({ status: 404 });
    const admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Ana' })).id;
    expect(await t.db.call('get_booking', { user_id: admin, pnr: booking.pnr, admin: true })).toMatchObject({ pnr: booking.pnr });
  });
});
