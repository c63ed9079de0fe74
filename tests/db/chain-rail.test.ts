import { contract, Keypair, Networks, StrKey } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Booking, CancellationQuote } from '@/lib/bookings/types';
import { contractSpec } from '@/lib/stellar/specs';
import { quoteFromJson } from '@/lib/payments/soroban/quote-json';
import { startSorobanRpcStandIn } from '@/tests/support/soroban-rpc-stand-in';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';

// The soroban rail's server code end to end against a database and the Soroban RPC stand-in
// (which emulates the escrow): quote → the traveller's client pays on chain → the server
// confirms from RPC; the jobs that confirm forgotten payments and send settlements with the
// server signer.

let t: TestDatabase;
vi.mock('@/lib/db/connect', () => ({ db: async () => t.db }));

const server = Keypair.random();
const escrowId = StrKey.encodeContract(Buffer.alloc(32, 3));
let standIn: Awaited<ReturnType<typeof startSorobanRpcStandIn>>;
let rail: typeof import('@/lib/payments/soroban/rail');
let settle: typeof import('@/lib/payments/soroban/settle');

beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  standIn = await startSorobanRpcStandIn({ networkPassphrase: Networks.TESTNET, escrowContractId: escrowId, quoteSigner: server.publicKey(), settler: server.publicKey() });
  vi.stubEnv('PAYMENT_RAIL', 'soroban');
  vi.stubEnv('STELLAR_RPC_URL', standIn.url);
  vi.stubEnv('STELLAR_NETWORK_PASSPHRASE', Networks.TESTNET);
  vi.stubEnv('TRAQORA_CONTRACT_IDS', `escrow=${escrowId}`);
  vi.stubEnv('STELLAR_SERVER_SECRET', server.secret());
  rail = await import('@/lib/payments/soroban/rail');
  settle = await import('@/lib/payments/soroban/settle');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await standIn?.close();
  await t?.close();
});

let n = 0;
/** A traveller with a held booking, and the Stellar account that will pay for it. */
async function held(from = 'JFK', to = 'LHR') {
  const user = await traveller(t, `Onchain${++n}`);
  const { booking } = await book(t, user, await nonstop(t, from, to));
  return { user, booking, payer: Keypair.random() };
}

/** What the browser does: the server's quote, then pay_quoted through contract.Client, signed by the payer. */
async function payOnChain(user: string, pnr: string, payer: Keypair): Promise<string> {
  const q = await rail.quoteChainPayment(user, pnr, payer.publicKey());
  const client = new contract.Client(contractSpec('escrow'), {
    contractId: q.contract_id, networkPassphrase: q.network_passphrase, rpcUrl: q.rpc_url, allowHttp: true, publicKey: payer.publicKey(),
    signTransaction: contract.basicNodeSigner(payer, q.network_passphrase).signTransaction,
  }) as unknown as { pay_quoted(a: object): Promise<contract.AssembledTransaction<unknown>> };
  const tx = await client.pay_quoted({ quote: quoteFromJson(q.quote), signature: Buffer.from(q.signature, 'hex') });
  await tx.sign();
  const sent = await tx.send();
  return sent.sendTransactionResponse!.hash;
}

const escrowBooking = (id: string) => standIn.control.bookings().find((b) => b.id === id);
const chainIds = (b: Booking) => b.segments.map((s) => s.seq);

describe('the soroban rail against the RPC stand-in', () => {
  it('quotes in token units for the payer, and the server confirms the payment it reads from RPC', async () => {
    const { user, booking, payer } = await held();
    const q = await rail.quoteChainPayment(user, booking.pnr, payer.publicKey());
    expect(q).toMatchObject({ contract_id: escrowId, network_passphrase: Networks.TESTNET, amount_minor: booking.price.total_minor, explorer_url: 'https://stellar.expert/explorer/testnet' });
    expect(q.quote.items.map((i) => BigInt(i.amount)).reduce((a, b) => a + b, 0n)).toBe(BigInt(booking.price.total_minor) * 100_000n);

    const hash = await payOnChain(user, booking.pnr, payer);
    const { booking: paid, verdict } = await rail.submitChainPayment(user, booking.pnr, hash, payer.publicKey());
    expect(verdict).toMatchObject({ status: 'confirmed', payer: payer.publicKey() });
    expect(paid).toMatchObject({ status: 'paid', payment_rail: 'soroban' });
    const onChain = escrowBooking(q.quote.items[0].booking_id)!;
    expect(onChain).toMatchObject({ passenger: payer.publicKey(), state: 'Paid', amount: q.quote.items[0].amount });
    // Again with the same hash: nothing changes.
    expect((await rail.submitChainPayment(user, booking.pnr, hash, payer.publicKey())).replayed).toBe(true);
  });

  it('a transaction that failed on chain stays failed when reported again, and the booking can be paid anew', async () => {
    const { user, booking, payer } = await held();
    standIn.control.failNext('chain');
    const bad = await payOnChain(user, booking.pnr, payer);
    expect((await rail.submitChainPayment(user, booking.pnr, bad, payer.publicKey())).verdict).toEqual({ status: 'failed', reason: 'The escrow contract refused the payment.' });
    expect((await rail.submitChainPayment(user, booking.pnr, bad, payer.publicKey())).verdict.status).toBe('failed');
    const good = await payOnChain(user, booking.pnr, payer);
    expect((await rail.submitChainPayment(user, booking.pnr, good, payer.publicKey())).booking.status).toBe('paid');
  });

  it('refuses to quote for a contract account or another traveller’s booking', async () => {
    const { booking } = await held();
    const stranger = await traveller(t, 'Stranger');
    await expect(rail.quoteChainPayment(stranger, booking.pnr, Keypair.random().publicKey())).rejects.toMatchObject({ status: 404 });
    await expect(rail.quoteChainPayment(stranger, booking.pnr, escrowId)).rejects.toMatchObject({ status: 422 });
  });

  it('the confirmation job finds a payment the browser reported but never confirmed, and fails one that never landed', async () => {
    const { user, booking, payer } = await held();
    const hash = await payOnChain(user, booking.pnr, payer);
    await t.db.call('record_chain_payment', { user_id: user, pnr: booking.pnr, tx_hash: hash, payer: payer.publicKey() });
    const lost = await held();
    const ghost = 'e'.repeat(64);
    await t.db.call('record_chain_payment', { user_id: lost.user, pnr: lost.booking.pnr, tx_hash: ghost, payer: lost.payer.publicKey() });
    await t.sql("update traqora.chain_payments set created_at = now() - interval '11 minutes' where tx_hash = $1", [ghost]);

    const counts = await rail.confirmSubmittedPayments();
    expect(counts).toMatchObject({ confirmed: 1, failed: 1 });
    expect((await t.db.call<Booking>('get_booking', { user_id: user, pnr: booking.pnr, admin: false })).status).toBe('paid');
    const ghostBooking = await t.db.call<Booking>('get_booking', { user_id: lost.user, pnr: lost.booking.pnr, admin: false });
    expect(ghostBooking.status).toBe('held');
    expect(ghostBooking.chain_payments).toMatchObject([{ status: 'failed', error: 'The transaction never reached the Stellar network.' }]);
  });

  it('a cancellation is settled on chain by the server signer: refund to the payer, once', async () => {
    const { user, booking, payer } = await held();
    const hash = await payOnChain(user, booking.pnr, payer);
    await rail.submitChainPayment(user, booking.pnr, hash, payer.publicKey());
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    await t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id });

    expect(await settle.settleChainBookings()).toMatchObject({ confirmed: chainIds(booking).length, failed: 0 });
    const after = await t.db.call<Booking>('get_booking', { user_id: user, pnr: booking.pnr, admin: false });
    expect(after.chain_settlements).toMatchObject([{ kind: 'cancellation', status: 'confirmed', refund_minor: quote.refund_minor }]);
    expect(after.chain_settlements![0].tx_hash).toMatch(/^[0-9a-f]{64}$/);
    const [row] = await t.sql<{ chain_booking_id: string }>('select chain_booking_id from traqora.chain_settlements where booking_id = $1', [booking.id]);
    expect(escrowBooking(row.chain_booking_id)!.state).toBe('Refunded');
    // Nothing left to send: a second run moves no money.
    expect(await settle.settleChainBookings()).toEqual({ confirmed: 0, failed: 0, pending: 0 });
  });

  it('after the flight, the release goes to the airline through the escrow; an escrow booking already closed counts as done', async () => {
    const { user, booking, payer } = await held('LHR', 'JFK');
    await rail.submitChainPayment(user, booking.pnr, await payOnChain(user, booking.pnr, payer), payer.publicKey());
    await t.sql("update traqora.flights set departs_at = now() - interval '10 hours', arrives_at = now() - interval '3 hours' where id = $1", [booking.segments[0].flight_id]);
    await t.db.call('release_flown_bookings', {});
    expect((await t.db.call<Booking>('get_booking', { user_id: user, pnr: booking.pnr, admin: false })).status).toBe('completed');

    const [row] = await t.sql<{ id: number; chain_booking_id: string }>('select id, chain_booking_id from traqora.chain_settlements where booking_id = $1', [booking.id]);
    expect(await settle.settleChainBookings()).toMatchObject({ confirmed: 1 });
    expect(escrowBooking(row.chain_booking_id)!.state).toBe('Released');

    // Someone else's retry finds the escrow booking closed: marked done, not paid twice.
    await t.sql("update traqora.chain_settlements set status = 'pending', tx_hash = null where id = $1", [row.id]);
    expect(await settle.settleChainBookings()).toMatchObject({ confirmed: 1 });
    const [again] = await t.sql<{ status: string; error: string }>('select status, error from traqora.chain_settlements where id = $1', [row.id]);
    expect(again).toEqual({ status: 'confirmed', error: 'already settled on chain (Released)' });   // as the escrow closed it
    expect(standIn.control.transactions().filter((x) => x.function === 'release_payment_to_airline' && x.status === 'SUCCESS')).toHaveLength(1);
  });
});
