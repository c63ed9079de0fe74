import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CancellationQuote, WalletHistory } from '@/lib/bookings/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { adults, book, contact, nonstop, seatsLeft, traveller, trialBalance } from '@/tests/support/booking-fixtures';

// Races that only a real server can stage (PGlite runs one statement at a time): many
// connections at once, each a separate transaction. CI always runs these (TEST_DATABASE_URL).
const onServer = process.env.DB_TARGET === 'postgres';

describe.skipIf(!onServer)('concurrency on a PostgreSQL server', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14, poolSize: 60 }); });
  afterAll(async () => { await t?.close(); });
  afterEach(async () => { expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true); });

  it('200 concurrent attempts for the last 5 seats make exactly 5 bookings', async () => {
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const flight = it0.flight_ids[0];
    await t.sql("update traqora.flight_cabins set seats_available = 5 where flight_id = $1 and cabin = 'economy'", [flight]);
    const total = (await t.db.call<{ total_minor: number }>('price_offer', { slices: [it0.flight_ids], cabin: 'economy', family: 'standard', adults: 1 })).total_minor;
    const users = await Promise.all(Array.from({ length: 200 }, (_, i) => traveller(t, `Racer ${i}`)));

    const results = await Promise.allSettled(users.map((u, i) => book(t, u, it0, { key: `race-key-${i}-0000`, total })));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(5);
    expect(lost).toHaveLength(195);
    for (const l of lost) expect(l.reason).toMatchObject({ status: 409, field: 'offer_id' });
    expect(await seatsLeft(t, flight)).toBe(0);
    const [{ n }] = await t.sql<{ n: number }>('select count(*)::int as n from traqora.booking_segments where flight_id = $1', [flight]);
    expect(n).toBe(5);
  });

  it('the same idempotency key sent 20 times at once makes one booking', async () => {
    const user = await traveller(t, 'Double clicker');
    const it0 = await nonstop(t, 'LHR', 'JFK');
    const before = await seatsLeft(t, it0.flight_ids[0]);
    const results = await Promise.all(Array.from({ length: 20 }, () => book(t, user, it0, { key: 'one-click-0001', passengers: adults(2) })));
    expect(new Set(results.map((r) => r.booking.pnr)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await seatsLeft(t, it0.flight_ids[0])).toBe(before - 2);
  });

  it('one idempotency key sent with two different offers at once: one booking, the other refused, only its seats held', async () => {
    // create_booking writes the key last, with its answer: the request that did not win must
    // take back everything it wrote (seats, booking) when it finds the key taken.
    const user = await traveller(t, 'Key reuser');
    const a = await nonstop(t, 'JFK', 'LHR');
    const b = await nonstop(t, 'LHR', 'JFK');
    const price = (x: typeof a) => t.db.call<{ total_minor: number }>('price_offer', { slices: [x.flight_ids], cabin: 'economy', family: 'standard', adults: 1 });
    for (let round = 0; round < 5; round++) {
      const totals = [(await price(a)).total_minor, (await price(b)).total_minor];
      const key = `shared-key-${round}-0001`;
      const before = (await seatsLeft(t, a.flight_ids[0])) + (await seatsLeft(t, b.flight_ids[0]));
      const results = await Promise.allSettled([a, b].map((x, i) => t.db.call<{ booking: { pnr: string } }>('create_booking', {
        user_id: user, idempotency_key: key, request_hash: `offer-${i}`, slices: [x.flight_ids], cabin: 'economy', fare_family: 'standard',
        passengers: adults(1), contact, expected_total: totals[i], currency: 'USD' })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(lost?.reason).toMatchObject({ status: 422, field: 'Idempotency-Key' });
      expect((await seatsLeft(t, a.flight_ids[0])) + (await seatsLeft(t, b.flight_ids[0]))).toBe(before - 1);
      const [{ n }] = await t.sql<{ n: number }>('select count(*)::int as n from traqora.bookings where user_id = $1', [user]);
      expect(n).toBe(round + 1);
    }
  });

  it('50 concurrent confirmations of one cancellation refund once', async () => {
    const user = await traveller(t, 'Impatient');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const { booking } = await book(t, user, it0, { family: 'flex' });
    await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 1_000_000 });
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () =>
      t.db.call<{ replayed?: boolean }>('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id })));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const fresh = results.filter((r) => r.status === 'fulfilled' && !r.value.replayed);
    expect(fresh).toHaveLength(1);
    const [{ refunds }] = await t.sql<{ refunds: number }>("select count(*)::int as refunds from traqora.ledger_transactions where booking_id = $1 and kind = 'refund'", [booking.id]);
    expect(refunds).toBe(1);
    const wallet = await t.db.call<WalletHistory>('wallet_history', { user_id: user });
    expect(wallet.balance_minor).toBe(1_000_000);   // flex: paid, then refunded in full, once
  });

  it('a cancellation racing the post-flight release pays out once', async () => {
    const user = await traveller(t, 'Racer of release');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const { booking } = await book(t, user, it0, { family: 'flex' });
    await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 1_000_000 });
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    // the flight "lands" after the quote was given: release becomes due while the quote is live
    await t.sql(`update traqora.flights set departs_at = now() - interval '10 hours', arrives_at = now() - interval '3 hours' where id = $1`, [it0.flight_ids[0]]);
    const [cancel, release] = await Promise.allSettled([
      t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id }),
      t.db.call('release_flown_bookings', {}),
    ]);
    const [{ outflows }] = await t.sql<{ outflows: number }>(`select count(*)::int as outflows from traqora.ledger_transactions
      where booking_id = $1 and kind in ('refund', 'release')`, [booking.id]);
    expect(outflows).toBe(1);
    const [{ escrow }] = await t.sql<{ escrow: number }>(`select coalesce(sum(p.amount_minor), 0)::int as escrow from traqora.ledger_postings p
      join traqora.ledger_accounts a on a.id = p.account_id where a.kind = 'escrow' and a.booking_id = $1`, [booking.id]);
    expect(escrow).toBe(0);
    expect(cancel.status === 'fulfilled' || release.status === 'fulfilled').toBe(true);
  });

  it('two bookings racing to spend one wallet cannot overdraw it', async () => {
    const user = await traveller(t, 'Overdrawn');
    const a = await nonstop(t, 'JFK', 'LHR');
    const b = await nonstop(t, 'LHR', 'JFK');
    const first = (await book(t, user, a, { family: 'flex', passengers: adults(4) })).booking;
    const second = (await book(t, user, b, { family: 'flex', passengers: adults(4) })).booking;
    const funds = Math.max(first.price.total_minor, second.price.total_minor) + 1;   // enough for either, not both
    const results = await Promise.allSettled([first, second].map((x) =>
      t.db.call('pay_booking', { user_id: user, pnr: x.pnr, demo_funding_minor: funds })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const wallet = await t.db.call<WalletHistory>('wallet_history', { user_id: user });
    expect(wallet.balance_minor).toBeGreaterThanOrEqual(0);
  });
  it('on-chain payments: 30 confirmations of one transaction pay once; two transactions for one booking, one wins', async () => {
    const payer = 'GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H';
    const user = await traveller(t, 'Chain racer');
    const { booking } = await book(t, user, await nonstop(t, 'JFK', 'LHR'));
    const a = 'a'.repeat(63) + '1';
    const b = 'b'.repeat(63) + '2';
    await t.db.call('record_chain_payment', { user_id: user, pnr: booking.pnr, tx_hash: a, payer });
    await t.db.call('record_chain_payment', { user_id: user, pnr: booking.pnr, tx_hash: b, payer });
    const confirm = (tx: string) => t.db.call<{ replayed?: boolean }>('confirm_chain_payment', { tx_hash: tx, ledger: 9, closed_at: new Date().toISOString(), payer });
    const results = await Promise.allSettled([...Array.from({ length: 30 }, () => confirm(a)), confirm(b)]);
    const firsts = results.filter((r) => r.status === 'fulfilled' && !r.value.replayed);
    expect(firsts).toHaveLength(1);
    const [{ n }] = await t.sql<{ n: number }>("select count(*)::int as n from traqora.chain_payments where booking_id = $1 and status = 'confirmed'", [booking.id]);
    expect(n).toBe(1);
    const [{ events }] = await t.sql<{ events: number }>("select count(*)::int as events from traqora.booking_events where booking_id = $1 and to_status = 'paid'", [booking.id]);
    expect(events).toBe(1);
    // The loser is told its money must go back, never silently counted.
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) expect(r.reason).toMatchObject({ status: 409 });
  });
});
