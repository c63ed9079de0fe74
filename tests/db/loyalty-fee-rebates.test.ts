import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loyaltyRebatesConsumer } from '@/lib/events/consumers/loyalty-rebates';
import { runConsumers } from '@/lib/events/runner';
import { onChainBookingId } from '@/lib/stellar/booking-id';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';

// The tier discount on the soroban rail (supabase/routines/95_loyalty.sql): the escrow's
// PaymentReleased event of an app booking, once indexed, queues one rebate of the traveller's
// tier share of the fee the escrow took, to the account that paid; a re-delivered or re-indexed
// event queues nothing more; Blue members and foreign releases get none; the job's reports move
// it to paid with an event. The payment itself: tests/devnet/fee-rebates.test.ts.

let t: TestDatabase;
let n = 0;
const PAYER = 'GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H';
const hash = () => (++n).toString(16).padStart(64, 'b');
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14 }); });
afterAll(async () => { await t?.close(); });
afterEach(async () => { expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true); });   // the ledger never moves for these

const run = async () => (await runConsumers(t.db, [loyaltyRebatesConsumer(async () => t.db)], {}))[0];
interface Rebate { chain_booking_id: string; pnr: string; fee_minor: number; tier: string; bps: number; amount_minor: number; currency: string; address: string; status: string; tx_hash: string | null; release_tx: string }
const rebates = (pnr: string) => t.db.call<Rebate[]>('loyalty_fee_rebates_for_booking', { pnr });

/** A booking paid on chain by PAYER, its traveller at `tier`. */
async function paidOnChain(tier: string) {
  const user = await traveller(t, `Rebate ${++n}`);
  await t.sql('insert into traqora.loyalty_members (user_id, tier) values ($1, $2)', [user, tier]);
  const { booking } = await book(t, user, await nonstop(t));
  const tx = hash();
  await t.db.call('record_chain_payment', { user_id: user, pnr: booking.pnr, tx_hash: tx, payer: PAYER });
  await t.db.call('confirm_chain_payment', { tx_hash: tx, ledger: 4242, closed_at: new Date().toISOString(), payer: PAYER });
  return { user, booking, chainId: onChainBookingId(booking.id, 1).toString() };
}

/** The indexer storing the escrow's PaymentReleased of `chainId`, with the fee in token base units. */
async function indexRelease(chainId: string, feeUnits: bigint, tx = hash()) {
  const id = `${String(4471060955136 + ++n).padStart(19, '0')}-0000000001`;
  const event = { id, ledger: 2000 + n, closed_at: new Date().toISOString(), contract_id: `C${'A'.repeat(55)}`, contract: 'escrow', action: 'released',
    event: 'PaymentReleased', topics: [], value: null, fields: { booking_id: chainId, airline: PAYER, to_airline: '1', fee: feeUnits.toString() },
    booking_id: chainId, topic_xdr: [], value_xdr: 'AAAA', tx_hash: tx, successful: true };
  await t.db.call('record_chain_events', { stream: 'rebates-test', events: [event], cursor: id, last_ledger: event.ledger, latest_ledger: event.ledger });
  return { id, tx };
}

describe('tier rebates of the platform fee on the soroban rail', () => {
  it("queues the tier's share of the fee the escrow took, once, to the account that paid", async () => {
    const { booking, chainId } = await paidOnChain('gold');
    const { tx } = await indexRelease(chainId, 1250_00000n);          // $12.50 of fee
    await run();
    expect(await rebates(booking.pnr)).toEqual([expect.objectContaining({
      chain_booking_id: chainId, fee_minor: 1250, tier: 'gold', bps: 2500, amount_minor: 312, currency: booking.price.currency,
      address: PAYER, status: 'pending', release_tx: tx })]);

    // the same release indexed again (another stream), and the outbox delivered again: still one
    await indexRelease(chainId, 1250_00000n, tx);
    expect(await t.sql("update traqora.event_consumers set last_event_id = 0 where name = 'loyalty-rebates' returning name")).toHaveLength(1);
    await run();
    expect(await rebates(booking.pnr)).toHaveLength(1);
  });

  it('gives nothing to a Blue member, for a foreign escrow booking, or for a fee below a cent', async () => {
    const blue = await paidOnChain('blue');
    await indexRelease(blue.chainId, 1250_00000n);
    const gold = await paidOnChain('gold');
    await indexRelease(gold.chainId, 3_00000n);                        // 3 cents: a quarter rounds down to nothing
    await indexRelease('999999999999', 1250_00000n);                   // not an app booking: no PNR, no traveller
    await run();
    expect(await rebates(blue.booking.pnr)).toEqual([]);
    expect(await rebates(gold.booking.pnr)).toEqual([]);
    expect(await t.sql("select 1 from traqora.loyalty_fee_rebates where chain_booking_id = '999999999999'")).toEqual([]);
  });

  it('is paid through submitted and confirmed with an event; a late report after payment changes nothing; failures give up after 5', async () => {
    const { user, booking, chainId } = await paidOnChain('platinum');
    await indexRelease(chainId, 2000_00000n);
    await run();
    const mark = (status: string, extra: Record<string, unknown> = {}) =>
      t.db.call<{ status: string; attempts: number }>('mark_loyalty_fee_rebate', { chain_booking_id: chainId, status, tx_hash: null, error: null, max_attempts: 5, ...extra });
    const paid = hash();
    expect(await mark('submitted', { tx_hash: paid })).toMatchObject({ status: 'submitted', attempts: 1 });
    expect(await mark('confirmed', { tx_hash: paid })).toMatchObject({ status: 'confirmed' });
    expect(await mark('pending', { error: 'late' })).toMatchObject({ status: 'confirmed' });
    const [event] = await t.sql<{ payload: Record<string, unknown> }>("select payload from traqora.domain_events where type = 'loyalty.fee_rebate_paid' and aggregate_id = $1", [user]);
    expect(event.payload).toMatchObject({ pnr: booking.pnr, tier: 'platinum', bps: 5000, fee_minor: 2000, amount_minor: 1000, address: PAYER, tx_hash: paid });

    const other = await paidOnChain('silver');
    await indexRelease(other.chainId, 2000_00000n);
    await run();
    const markOther = (status: string) => t.db.call<{ status: string; attempts: number }>('mark_loyalty_fee_rebate', { chain_booking_id: other.chainId, status, tx_hash: null, error: 'token refused', max_attempts: 5 });
    for (let i = 1; i < 5; i++) expect(await markOther('pending')).toMatchObject({ status: 'pending', attempts: i });
    expect(await markOther('pending')).toMatchObject({ status: 'failed', attempts: 5 });
    expect(await t.sql("select 1 from traqora.domain_events where type = 'loyalty.fee_rebate_failed' and aggregate_id = $1", [other.user])).toHaveLength(1);
    expect((await t.db.call<{ chain_booking_id: string }[]>('open_loyalty_fee_rebates', { limit: 100 })).map((r) => r.chain_booking_id)).not.toContain(other.chainId);
  });
});
