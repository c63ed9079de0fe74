import { Keypair } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CancellationQuote } from '@/lib/bookings/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';

// Every state change appends its domain events in its own transaction (docs/events.md): exactly
// these events when it commits, none when it is refused and rolls back.

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14 }); });
afterAll(async () => { await t?.close(); });

interface Row { type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, unknown>; actor: string | null }
let mark = 0;
beforeEach(async () => { mark = (await t.sql<{ n: number }>('select coalesce(max(id), 0)::int as n from traqora.domain_events'))[0].n; });
/** The events appended since the test began, oldest first. */
const emitted = () => t.sql<Row>('select type, aggregate_type, aggregate_id, payload, actor from traqora.domain_events where id > $1 order by id', [mark]);
const types = async () => (await emitted()).map((e) => e.type);
const since = async <T>(fn: () => Promise<T>) => { const before = (await emitted()).length; await fn(); return (await emitted()).slice(before); };

const PAYER = 'GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H';
let n = 0;
const txHash = () => (++n).toString(16).padStart(64, 'c');

async function held(family = 'standard') {
  const user = await traveller(t, `Eventful ${++n}`);
  const it0 = await nonstop(t);
  const { booking } = await book(t, user, it0, { family });
  return { user, booking, it0 };
}
async function paid(family = 'standard') {
  const h = await held(family);
  await t.db.call('pay_booking', { user_id: h.user, pnr: h.booking.pnr, demo_funding_minor: 5_000_000 });
  return h;
}

describe('bookings', () => {
  it('create_booking: booking.held with who, what was sold, the money and each flight', async () => {
    const { user, booking, it0 } = await held('flex');
    const events = (await emitted()).filter((e) => e.type !== 'user.created' && e.type !== 'user.role_granted');
    expect(events).toEqual([{
      type: 'booking.held', aggregate_type: 'booking', aggregate_id: booking.id, actor: user,
      payload: expect.objectContaining({
        booking_id: booking.id, pnr: booking.pnr, user_id: user, status: 'held', cabin: 'economy', fare_family: 'flex',
        currency: 'USD', total_minor: booking.price.total_minor, passengers: { adults: 1, children: 0, infants: 0 },
        segments: [expect.objectContaining({ seq: 1, flight_id: it0.flight_ids[0], origin: 'JFK', destination: 'LHR', share_minor: booking.price.total_minor })],
      }),
    }]);
  });

  it('a refused create_booking (the price changed) emits nothing', async () => {
    const user = await traveller(t, 'Refused');
    const before = await types();
    await expect(book(t, user, await nonstop(t), { total: 1 })).rejects.toMatchObject({ status: 409 });
    expect(await types()).toEqual(before);
  });

  it('pay_booking: payment.confirmed then booking.paid, once; a refused payment emits nothing', async () => {
    const { user, booking } = await held();
    const poor = await since(() => expect(t.db.call('pay_booking', { user_id: user, pnr: booking.pnr })).rejects.toMatchObject({ status: 409, field: 'wallet' }));
    expect(poor).toEqual([]);
    const events = await since(() => t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 5_000_000 }));
    expect(events.map((e) => e.type)).toEqual(['payment.confirmed', 'booking.paid']);
    expect(events[0]).toMatchObject({ aggregate_type: 'payment', payload: { pnr: booking.pnr, user_id: user, payment_rail: 'ledger', amount_minor: booking.price.total_minor, currency: 'USD', demo_funded_minor: 5_000_000 } });
    expect(events[1]).toMatchObject({ aggregate_id: booking.id, payload: { status: 'paid', payment_rail: 'ledger' } });
    expect(await since(() => t.db.call('pay_booking', { user_id: user, pnr: booking.pnr }))).toEqual([]);   // replay
  });

  it('quote and confirm cancellation of a paid refundable booking: quoted, then cancelled and refunded with the amounts', async () => {
    const { user, booking } = await paid('standard');
    const quoteEvents = await since(async () => {
      const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
      const done = await since(() => t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id }));
      expect(done.map((e) => e.type)).toEqual(['booking.cancelled', 'booking.refunded']);
      for (const e of done) {
        expect(e.payload).toMatchObject({ pnr: booking.pnr, status: 'refunded', was_paid: true, refund_to: 'wallet', quote_id: quote.id,
          refund_minor: quote.refund_minor, penalty_minor: quote.penalty_minor, currency: 'USD' });
      }
      expect(quote.refund_minor).toBeGreaterThan(0);
      expect(await since(() => t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id }))).toEqual([]);
    });
    expect(quoteEvents[0]).toMatchObject({ type: 'booking.cancellation_quoted', payload: { pnr: booking.pnr } });
  });

  it('cancelling a held booking: booking.cancelled only (nothing to refund)', async () => {
    const { user, booking } = await held();
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    const done = await since(() => t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id }));
    expect(done).toEqual([expect.objectContaining({ type: 'booking.cancelled', payload: expect.objectContaining({ status: 'cancelled', was_paid: false, refund_minor: 0, refund_to: 'none' }) })]);
  });

  it('expire_holds: one booking.expired per booking', async () => {
    const a = await held();
    const b = await held();
    await t.sql("update traqora.bookings set hold_expires_at = now() - interval '1 minute' where id = any ($1::uuid[])", [[a.booking.id, b.booking.id]]);
    const done = await since(() => t.db.call('expire_holds', {}));
    expect(done.map((e) => [e.type, e.aggregate_id]).sort()).toEqual([['booking.expired', a.booking.id], ['booking.expired', b.booking.id]].sort());
    expect(done[0].payload).toMatchObject({ status: 'expired' });
  });

  it('release_flown_bookings: booking.completed with the fee and each airline\'s payout', async () => {
    const { booking, it0 } = await paid();
    await t.sql(`update traqora.flights set departs_at = now() - interval '10 hours', arrives_at = now() - interval '3 hours' where id = $1`, [it0.flight_ids[0]]);
    const done = (await since(() => t.db.call('release_flown_bookings', {}))).filter((e) => e.aggregate_id === booking.id);
    const fee = Math.floor(booking.price.total_minor * 250 / 10000);
    expect(done).toEqual([expect.objectContaining({ type: 'booking.completed', actor: null, payload: expect.objectContaining({
      pnr: booking.pnr, status: 'completed', settlement: 'ledger', fee_minor: fee,
      payouts: [{ seq: 1, airline: booking.segments[0].airline, amount_minor: booking.price.total_minor - fee }] }) })]);
  });

  it('a flight changing status: flight.status_changed naming the bookings on it; the same status again emits nothing', async () => {
    const { booking, it0 } = await paid();
    const flight = it0.flight_ids[0];
    const done = await since(() => t.sql("update traqora.flights set status = 'delayed' where id = $1", [flight]));
    expect(done).toEqual([expect.objectContaining({ type: 'flight.status_changed', aggregate_id: String(flight),
      payload: expect.objectContaining({ flight_id: flight, from_status: 'scheduled', to_status: 'delayed',
        bookings: expect.arrayContaining([expect.objectContaining({ pnr: booking.pnr, status: 'paid' })]) }) })]);
    expect(await since(() => t.sql("update traqora.flights set status = 'delayed' where id = $1", [flight]))).toEqual([]);
    await t.sql("update traqora.flights set status = 'scheduled' where id = $1", [flight]);
  });
});

describe('the soroban rail', () => {
  it('record, confirm and fail chain payments: payment.submitted, payment.confirmed + booking.paid, payment.failed (once)', async () => {
    const { user, booking } = await held();
    const tx = txHash();
    const recorded = await since(() => t.db.call('record_chain_payment', { user_id: user, pnr: booking.pnr, tx_hash: tx, payer: PAYER }));
    expect(recorded).toEqual([expect.objectContaining({ type: 'payment.submitted', aggregate_id: tx, payload: expect.objectContaining({ pnr: booking.pnr, payer: PAYER, payment_rail: 'soroban', status: 'submitted' }) })]);
    const confirmed = await since(() => t.db.call('confirm_chain_payment', { tx_hash: tx, ledger: 99, closed_at: new Date().toISOString(), payer: PAYER }));
    expect(confirmed.map((e) => e.type)).toEqual(['payment.confirmed', 'booking.paid']);
    expect(confirmed[1].payload).toMatchObject({ payment_rail: 'soroban', tx_hash: tx, status: 'paid' });
    expect(await since(() => t.db.call('confirm_chain_payment', { tx_hash: tx, ledger: 99, closed_at: new Date().toISOString(), payer: PAYER }))).toEqual([]);

    const other = await held();
    const bad = txHash();
    await t.db.call('record_chain_payment', { user_id: other.user, pnr: other.booking.pnr, tx_hash: bad, payer: PAYER });
    const failed = await since(() => t.db.call('fail_chain_payment', { tx_hash: bad, error: 'txFailed' }));
    expect(failed).toEqual([expect.objectContaining({ type: 'payment.failed', payload: expect.objectContaining({ status: 'failed', error: 'txFailed', pnr: other.booking.pnr }) })]);
    expect(await since(() => t.db.call('fail_chain_payment', { tx_hash: bad, error: 'txFailed' }))).toEqual([]);
  });

  it('settlements: settlement.confirmed and settlement.failed when they become so, once', async () => {
    const { user, booking } = await held('flex');
    const tx = txHash();
    await t.db.call('record_chain_payment', { user_id: user, pnr: booking.pnr, tx_hash: tx, payer: PAYER });
    await t.db.call('confirm_chain_payment', { tx_hash: tx, ledger: 99, closed_at: new Date().toISOString(), payer: PAYER });
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    const cancelled = await since(() => t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id }));
    expect(cancelled.map((e) => e.type)).toEqual(['booking.cancelled', 'booking.refunded']);
    expect(cancelled[1].payload).toMatchObject({ refund_to: 'payer', payment_rail: 'soroban' });
    const [{ id }] = await t.sql<{ id: number }>('select id from traqora.chain_settlements where booking_id = $1', [booking.id]);
    expect(await since(() => t.db.call('mark_chain_settlement', { id, status: 'submitted', tx_hash: 'd'.repeat(64) }))).toEqual([]);
    const failed = await since(() => t.db.call('mark_chain_settlement', { id, status: 'failed', error: 'timeout' }));
    expect(failed).toEqual([expect.objectContaining({ type: 'settlement.failed', aggregate_id: String(id), payload: expect.objectContaining({ pnr: booking.pnr, kind: 'cancellation', error: 'timeout' }) })]);
    const done = await since(() => t.db.call('mark_chain_settlement', { id, status: 'confirmed', tx_hash: 'd'.repeat(64) }));
    expect(done).toEqual([expect.objectContaining({ type: 'settlement.confirmed', payload: expect.objectContaining({ refund_minor: quote.refund_minor, currency: 'USD' }) })]);
    expect(await since(() => t.db.call('mark_chain_settlement', { id, status: 'confirmed' }))).toEqual([]);
  });

  it('set_airline_payout_account: airline.payout_account_set, also when cleared; an unknown airline emits nothing', async () => {
    const address = Keypair.random().publicKey();
    expect(await since(() => t.db.call('set_airline_payout_account', { airline: 'dl', address }))).toEqual([
      expect.objectContaining({ type: 'airline.payout_account_set', aggregate_id: 'DL', payload: { airline: 'DL', address } })]);
    expect((await since(() => t.db.call('set_airline_payout_account', { airline: 'DL', address: null })))[0].payload).toEqual({ airline: 'DL', address: null });
    expect(await since(() => expect(t.db.call('set_airline_payout_account', { airline: 'Z9', address })).rejects.toMatchObject({ status: 404 }))).toEqual([]);
  });

  it('record_chain_events: chain.event_indexed per event stored for the first time', async () => {
    const event = (i: number) => ({ id: `0000004471060955136-000000000${i}`, ledger: 1041, closed_at: new Date().toISOString(),
      contract_id: `C${'A'.repeat(55)}`, contract: 'escrow', action: 'paid', event: 'BookingPaid', topics: [], value: null,
      fields: { booking_id: '42' }, booking_id: '42', topic_xdr: [], value_xdr: 'AAAA', tx_hash: 'e'.repeat(64), successful: true });
    const args = { stream: 'events-test', events: [event(1), event(2)], cursor: event(2).id, last_ledger: 1041, latest_ledger: 1041 };
    const done = await since(() => t.db.call('record_chain_events', args));
    expect(done.map((e) => [e.type, e.aggregate_id])).toEqual([['chain.event_indexed', event(1).id], ['chain.event_indexed', event(2).id]]);
    expect(done[0].payload).toMatchObject({ contract: 'escrow', action: 'paid', chain_booking_id: '42', tx_hash: 'e'.repeat(64) });
    expect(await since(() => t.db.call('record_chain_events', args))).toEqual([]);
  });
});

describe('identity and sign-in', () => {
  it('upsert_dev_persona: user.created and a role_granted per role, the first time only', async () => {
    const first = await since(() => t.db.call('upsert_dev_persona', { role: 'operator', name: 'Events Operator', airline: 'DL' }));
    expect(first.map((e) => e.type)).toEqual(['user.created', 'user.role_granted', 'user.role_granted']);
    expect(first[0].payload).toMatchObject({ display_name: 'Events Operator', source: 'dev_persona' });
    expect(first.slice(1).map((e) => e.payload.role).sort()).toEqual(['operator', 'traveller']);
    expect(await since(() => t.db.call('upsert_dev_persona', { role: 'operator', name: 'Events Operator', airline: 'DL' }))).toEqual([]);
  });

  it('ensure_clerk_user: user.created on first sight; admin granted later is a role_granted', async () => {
    const created = await since(() => t.db.call('ensure_clerk_user', { clerk_user_id: 'user_events1', name: 'Clerk Person' }));
    expect(created.map((e) => e.type)).toEqual(['user.created', 'user.role_granted']);
    expect(created[0].payload).toMatchObject({ source: 'clerk' });
    expect(await since(() => t.db.call('ensure_clerk_user', { clerk_user_id: 'user_events1', name: 'Clerk Person' }))).toEqual([]);
    const admin = await since(() => t.db.call('ensure_clerk_user', { clerk_user_id: 'user_events1', name: 'Clerk Person', admin: true }));
    expect(admin).toEqual([expect.objectContaining({ type: 'user.role_granted', payload: expect.objectContaining({ role: 'admin' }) })]);
  });

  it('wallet sign-in: a new wallet user is created and linked; linking another wallet is wallet.linked', async () => {
    const account = Keypair.random().publicKey();
    await t.db.call('record_web_auth_challenge', { nonce_hash: '1'.repeat(64), account, expires_at: new Date(Date.now() + 60_000).toISOString() });
    const signedIn = await since(() => t.db.call<{ id: string }>('redeem_web_auth_challenge', { nonce_hash: '1'.repeat(64), account }));
    expect(signedIn.map((e) => e.type)).toEqual(['user.created', 'user.role_granted', 'wallet.linked']);
    expect(signedIn[2].payload).toMatchObject({ address: account, new_user: true });
    const user = signedIn[0].aggregate_id;
    const second = Keypair.random().publicKey();
    await t.db.call('record_web_auth_challenge', { nonce_hash: '2'.repeat(64), account: second, expires_at: new Date(Date.now() + 60_000).toISOString() });
    const linked = await since(() => t.db.call('link_wallet', { user_id: user, nonce_hash: '2'.repeat(64), account: second }));
    expect(linked).toEqual([expect.objectContaining({ type: 'wallet.linked', actor: user, payload: { user_id: user, address: second, new_user: false } })]);
  });
});

describe('the outbox', () => {
  it('an event commits with its change; a rolled-back change leaves no event', async () => {
    await expect(t.db.sql.transaction(async (tx) => {
      await tx.query("select traqora.emit_event('test.rolled_back', 'test', 'x')");
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(await types()).not.toContain('test.rolled_back');
    const [{ id }] = await t.sql<{ id: number }>("select traqora.emit_event('test.committed', 'test', 'x') as id");
    expect(await types()).toContain('test.committed');
    expect(id).toBeGreaterThan(mark);
  });

  it('is out of the browser roles\' reach: RLS on, no table privileges for anon or authenticated', async () => {
    const rows = await t.sql<{ rel: string; rls: boolean; anon: boolean; authenticated: boolean }>(`
      select c.relname as rel, c.relrowsecurity as rls,
             has_table_privilege('anon', c.oid, 'select,insert,update,delete') as anon,
             has_table_privilege('authenticated', c.oid, 'select,insert,update,delete') as authenticated
      from pg_class c where c.oid in ('traqora.domain_events'::regclass, 'traqora.event_consumers'::regclass, 'traqora.event_deliveries'::regclass)
      order by 1`);
    expect(rows).toEqual(['domain_events', 'event_consumers', 'event_deliveries'].map((rel) => ({ rel, rls: true, anon: false, authenticated: false })));
  });

  it('refuses a malformed event type', async () => {
    await expect(t.sql("select traqora.emit_event('Booking Paid', 'booking', 'x')")).rejects.toThrow(/check constraint/);
  });

  it('the extend-schedule job: schedule.extended when it added flights', async () => {
    const done = await since(() => t.db.call('extend_schedule', { days: 16 }));
    expect(done).toEqual([expect.objectContaining({ type: 'schedule.extended', payload: expect.objectContaining({ flights_added: expect.any(Number) }) })]);
    expect(await since(() => t.db.call('extend_schedule', { days: 16 }))).toEqual([]);
  });
});
