import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, CancellationQuote } from '@/lib/bookings/types';
import type { ChainPaymentTerms } from '@/lib/payments/soroban/quote';
import { onChainBookingId } from '@/lib/stellar/booking-id';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { adults, book, nonstop, seatsLeft, traveller, trialBalance } from '@/tests/support/booking-fixtures';

// The soroban rail's database half: payment terms for the quote, payments recorded then confirmed
// (only by the server, after reading RPC), and the settlement outbox for releases/cancellations.
// The money is on chain, so the ledger must never move for these bookings.

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14 }); });
afterAll(async () => { await t?.close(); });
afterEach(async () => { expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true); });

const PAYER = 'GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H';
const PAYER2 = 'GAAZI4TCR3TY5OJHCTJC2A4QSY6CJWJH5IAJTGKIN2ER7LBNVKOCCWN7';
let n = 0;
const hash = () => (++n).toString(16).padStart(64, 'a');

async function heldBooking(passengers = 1) {
  const user = await traveller(t, `Chain${++n}`);
  const { booking } = await book(t, user, await nonstop(t), { passengers: adults(passengers) });
  return { user, booking };
}
const terms = (user: string, pnr: string, forPayment = true) => t.db.call<ChainPaymentTerms>('chain_payment_terms', { user_id: user, pnr, for_payment: forPayment });
const record = (user: string, pnr: string, tx: string, payer = PAYER) => t.db.call<{ payment: { status: string }; booking: Booking }>('record_chain_payment', { user_id: user, pnr, tx_hash: tx, payer });
const confirm = (tx: string, payer = PAYER) => t.db.call<{ booking: Booking; replayed?: boolean }>('confirm_chain_payment', { tx_hash: tx, ledger: 4242, closed_at: new Date().toISOString(), payer });

async function paidOnChain(passengers = 1) {
  const { user, booking } = await heldBooking(passengers);
  const tx = hash();
  await record(user, booking.pnr, tx);
  await confirm(tx);
  return { user, booking, tx };
}

describe('chain_payment_terms', () => {
  it('gives one item per segment with the on-chain id the app and indexer agree on, and the shares summing to the total', async () => {
    const { user, booking } = await heldBooking(2);
    const tm = await terms(user, booking.pnr);
    expect(tm.total_minor).toBe(booking.price.total_minor);
    expect(tm.items.map((i) => i.chain_booking_id)).toEqual(booking.segments.map((s) => onChainBookingId(booking.id, s.seq).toString()));
    expect(tm.items.reduce((a, i) => a + i.share_minor, 0)).toBe(booking.price.total_minor);
    expect(tm.items[0].flight_number).toBe(`${booking.segments[0].airline}${booking.segments[0].flight_number}`);
    expect(tm.items[0].payout_address).toBeNull();
  });

  it('names the airline payout account once one is set', async () => {
    const { user, booking } = await heldBooking();
    await t.db.call('set_airline_payout_account', { airline: booking.segments[0].airline, address: PAYER2 });
    expect((await terms(user, booking.pnr)).items[0].payout_address).toBe(PAYER2);
    await t.db.call('set_airline_payout_account', { airline: booking.segments[0].airline, address: null });
    expect((await terms(user, booking.pnr)).items[0].payout_address).toBeNull();
    await expect(t.db.call('set_airline_payout_account', { airline: '0Q', address: PAYER2 })).rejects.toMatchObject({ status: 404, field: 'iata' });
  });

  it('refuses a booking that cannot be paid now, and another traveller\'s booking', async () => {
    const { user, booking } = await heldBooking();
    const stranger = await traveller(t, 'Stranger');
    await expect(terms(stranger, booking.pnr)).rejects.toMatchObject({ status: 404, field: 'pnr' });
    await t.sql("update traqora.bookings set hold_expires_at = now() - interval '1 second' where id = $1", [booking.id]);
    await expect(terms(user, booking.pnr)).rejects.toMatchObject({ status: 409, field: 'hold_expires_at' });
    // Checking a payment already made still reads the terms.
    expect((await terms(user, booking.pnr, false)).items).toHaveLength(1);
  });
});

describe('on-chain payments', () => {
  it('records a submitted payment, then marks the booking paid on the soroban rail without touching the ledger', async () => {
    const { user, booking } = await heldBooking();
    const tx = hash();
    const recorded = await record(user, booking.pnr, tx);
    expect(recorded.payment.status).toBe('submitted');
    expect(recorded.booking.status).toBe('held');
    const { booking: paid } = await confirm(tx);
    expect(paid).toMatchObject({ status: 'paid', payment_rail: 'soroban', escrow_balance_minor: 0, payments: [] });
    expect(paid.chain_payments).toMatchObject([{ tx_hash: tx, status: 'confirmed', ledger: 4242, payer: PAYER }]);
    expect(paid.timeline.at(-1)).toMatchObject({ status: 'paid', note: 'Paid into the on-chain escrow' });
  });

  it('answers a repeated record or confirmation without change', async () => {
    const { user, booking, tx } = await paidOnChain();
    expect((await record(user, booking.pnr, tx)).payment.status).toBe('confirmed');
    expect((await confirm(tx)).replayed).toBe(true);
  });

  it('refuses a second payment for a paid booking, and a hash recorded for another booking', async () => {
    const { user, booking, tx } = await paidOnChain();
    await expect(record(user, booking.pnr, hash())).rejects.toMatchObject({ status: 409, field: 'status' });
    const other = await heldBooking();
    await expect(record(other.user, other.booking.pnr, tx)).rejects.toMatchObject({ status: 409, field: 'tx_hash' });
  });

  it('keeps the booking held and payable after a failed transaction', async () => {
    const { user, booking } = await heldBooking();
    const bad = hash();
    await record(user, booking.pnr, bad);
    const { booking: after } = await t.db.call<{ booking: Booking }>('fail_chain_payment', { tx_hash: bad, error: 'The escrow contract refused the payment.' });
    expect(after.status).toBe('held');
    expect(after.chain_payments).toMatchObject([{ status: 'failed', error: 'The escrow contract refused the payment.' }]);
    const good = hash();
    await record(user, booking.pnr, good);
    expect((await confirm(good)).booking.status).toBe('paid');
  });

  it('does not expire a hold while its payment is being confirmed, nor let the ledger pay it meanwhile', async () => {
    const { user, booking } = await heldBooking();
    await record(user, booking.pnr, hash());
    await t.sql("update traqora.bookings set hold_expires_at = now() - interval '1 minute' where id = $1", [booking.id]);
    await t.db.call('expire_holds', {});
    const [row] = await t.sql<{ status: string }>('select status from traqora.bookings where id = $1', [booking.id]);
    expect(row.status).toBe('held');
    await t.sql("update traqora.bookings set hold_expires_at = now() + interval '5 minutes' where id = $1", [booking.id]);
    await expect(t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 1_000_000 })).rejects.toMatchObject({ status: 409 });
    // …but a payment nobody confirms for 30 minutes past the hold no longer keeps the seats.
    await t.sql("update traqora.bookings set hold_expires_at = now() - interval '31 minutes' where id = $1", [booking.id]);
    await t.db.call('expire_holds', {});
    const [later] = await t.sql<{ status: string }>('select status from traqora.bookings where id = $1', [booking.id]);
    expect(later.status).toBe('expired');
  });

  it('lists submitted payments for the confirmation job', async () => {
    const { user, booking } = await heldBooking();
    const tx = hash();
    await record(user, booking.pnr, tx);
    const pending = await t.db.call<{ tx_hash: string; pnr: string; user_id: string }[]>('submitted_chain_payments', { limit: 500 });
    expect(pending).toContainEqual(expect.objectContaining({ tx_hash: tx, pnr: booking.pnr, user_id: user }));
  });
});

describe('settlement outbox', () => {
  it('queues a cancellation per segment with the quoted refund, frees the seats, and moves no ledger money', async () => {
    const { user, booking } = await paidOnChain(2);
    const flight = booking.segments[0].flight_id;
    const seats = await seatsLeft(t, flight);
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    const { booking: after } = await t.db.call<{ booking: Booking }>('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id });
    expect(after.status).toBe(quote.refund_minor > 0 ? 'refunded' : 'cancelled');
    expect(after.payments).toEqual([]);
    expect(after.chain_settlements).toMatchObject([{ seq: 1, kind: 'cancellation', refund_minor: quote.refund_minor, status: 'pending' }]);
    expect(await seatsLeft(t, flight)).toBe(seats + 2);
    const open = await t.db.call<{ id: number; pnr: string; chain_booking_id: string; refund_minor: number }[]>('open_chain_settlements', { limit: 500 });
    expect(open).toContainEqual(expect.objectContaining({ pnr: booking.pnr, chain_booking_id: onChainBookingId(booking.id, 1).toString(), refund_minor: quote.refund_minor }));
  });

  it('splits a refund across segments by share, the parts adding up exactly', async () => {
    const { booking } = await paidOnChain();
    // A second segment for the same booking, sharing the total 1:2 (as a connection would).
    const [seg] = await t.sql<{ flight_id: number; airline: string }>('select flight_id, airline from traqora.booking_segments where booking_id = $1', [booking.id]);
    const third = Math.floor(booking.price.total_minor / 3);
    await t.sql('update traqora.booking_segments set share_minor = $2 where booking_id = $1', [booking.id, third]);
    await t.sql('insert into traqora.booking_segments (booking_id, seq, slice, flight_id, airline, share_minor) values ($1, 2, 1, $2, $3, $4)',
      [booking.id, seg.flight_id, seg.airline, booking.price.total_minor - third]);
    await t.sql("select traqora.queue_chain_settlement($1, 'cancellation', 1001)", [booking.id]);
    const rows = await t.sql<{ seq: number; refund_minor: string }>('select seq, refund_minor from traqora.chain_settlements where booking_id = $1 order by seq', [booking.id]);
    expect(rows.map((r) => Number(r.refund_minor)).reduce((a, b) => a + b, 0)).toBe(1001);
    expect(Number(rows[0].refund_minor)).toBe(Math.floor((1001 * third) / booking.price.total_minor));
    // Queued once: deciding again for the same segments adds nothing.
    await t.sql("select traqora.queue_chain_settlement($1, 'release', 0)", [booking.id]);
    expect(await t.sql('select 1 from traqora.chain_settlements where booking_id = $1', [booking.id])).toHaveLength(2);
    await t.sql("update traqora.bookings set status = 'cancelled' where id = $1", [booking.id]);
  });

  it('queues a release after the flight and completes the booking; the job marks it through to confirmed once', async () => {
    const { booking } = await paidOnChain();
    await t.sql("update traqora.flights set departs_at = now() - interval '10 hours', arrives_at = now() - interval '3 hours' where id = $1", [booking.segments[0].flight_id]);
    await t.db.call('release_flown_bookings', {});
    const [row] = await t.sql<{ status: string }>('select status from traqora.bookings where id = $1', [booking.id]);
    expect(row.status).toBe('completed');
    const open = await t.db.call<{ id: number; pnr: string; kind: string }[]>('open_chain_settlements', { limit: 500 });
    const mine = open.find((s) => s.pnr === booking.pnr)!;
    expect(mine.kind).toBe('release');
    await t.db.call('mark_chain_settlement', { id: mine.id, status: 'submitted', tx_hash: 'b'.repeat(64), error: null });
    await t.db.call('mark_chain_settlement', { id: mine.id, status: 'confirmed', tx_hash: null, error: null });
    // A late report cannot reopen a confirmed settlement.
    const late = await t.db.call<{ status: string; attempts: number }>('mark_chain_settlement', { id: mine.id, status: 'pending', tx_hash: null, error: 'late' });
    expect(late).toMatchObject({ status: 'confirmed', attempts: 1 });
    expect((await t.db.call<{ pnr: string }[]>('open_chain_settlements', { limit: 500 })).some((s) => s.pnr === booking.pnr)).toBe(false);
  });
});

describe('reconciliation of soroban bookings', () => {
  it('flags a booking paid on chain in the app that the escrow has not shown after five minutes', async () => {
    const { booking } = await paidOnChain();
    const missing = async () => (await t.db.call<{ pnr: string | null; chain_state: string | null }[]>('chain_reconciliation', {}))
      .filter((r) => r.pnr === booking.pnr);
    expect(await missing()).toEqual([]); // just paid: the indexer gets time to catch up
    await t.sql("update traqora.bookings set paid_at = now() - interval '6 minutes' where id = $1", [booking.id]);
    expect(await missing()).toMatchObject([{ pnr: booking.pnr, chain_state: null }]);
  });
});

describe('chain_wallet_history', () => {
  it('lists the traveller’s payments with their verdicts and the refunds the escrow sends back, newest first', async () => {
    const { user, booking } = await heldBooking();
    const failed = hash();
    await record(user, booking.pnr, failed);
    await t.db.call('fail_chain_payment', { tx_hash: failed, error: 'The escrow contract refused the payment.' });
    const good = hash();
    await record(user, booking.pnr, good);
    await confirm(good);
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    await t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id });
    const { data: history } = await t.db.call<{ data: { kind: string; status: string; tx_hash: string | null; amount_minor: number; account: string | null }[] }>('chain_wallet_history', { user_id: user, limit: 100 });
    expect(history.map((e) => [e.kind, e.status])).toEqual([['refund', 'pending'], ['payment', 'confirmed'], ['payment', 'failed']]);
    expect(history[0]).toMatchObject({ amount_minor: quote.refund_minor, account: PAYER, tx_hash: null });
    expect(history[1]).toMatchObject({ tx_hash: good, amount_minor: booking.price.total_minor });
    const stranger = await traveller(t, 'Nosy');
    expect(await t.db.call('chain_wallet_history', { user_id: stranger, limit: 100 })).toEqual({ data: [], next: null });
  });
});
