import { contract, Keypair, rpc } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Booking, CancellationQuote } from '@/lib/bookings/types';
import { quoteFromJson } from '@/lib/payments/soroban/quote-json';
import { escrow, escrowArgs } from '@/lib/stellar/contracts/escrow';
import { readContract } from '@/lib/stellar/contracts/read';
import { parseEvent } from '@/lib/stellar/events';
import { contractSpec } from '@/lib/stellar/specs';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';

// The soroban rail's server code end to end against a database and the devnet (the real
// Soroban host running the escrow's wasm; was tests/db/chain-rail.test.ts on the TypeScript
// stand-in): quote → the traveller's client pays on chain → the server confirms from RPC; the
// jobs that confirm forgotten payments and send settlements with the server signer.

const missing = devnetMissing();
if (missing) console.warn(`skipping the soroban rail tests on the devnet: ${missing}`);

let t: TestDatabase;
vi.mock('@/lib/db/connect', () => ({ db: async () => t.db }));

let net: Devnet;
let rail: typeof import('@/lib/payments/soroban/rail');
let settle: typeof import('@/lib/payments/soroban/settle');

describe.skipIf(missing !== null)('the soroban rail on the devnet', () => {
  beforeAll(async () => {
    [net, t] = await Promise.all([startDevnet(), openTestDatabase({ seed: true, scheduleDays: 14 })]);
    const m = net.manifest;
    vi.stubEnv('PAYMENT_RAIL', 'soroban');
    vi.stubEnv('STELLAR_RPC_URL', net.url);
    vi.stubEnv('STELLAR_NETWORK_PASSPHRASE', m.networkPassphrase);
    vi.stubEnv('TRAQORA_CONTRACT_IDS', `escrow=${m.contracts.escrow}`);
    vi.stubEnv('STELLAR_SERVER_SECRET', m.accounts.server.secretSeed);
    vi.stubEnv('STELLAR_QUOTE_SECRET', m.accounts.platform.secretSeed);
    rail = await import('@/lib/payments/soroban/rail');
    settle = await import('@/lib/payments/soroban/settle');
  }, 300_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await net?.stop();
    await t?.close();
  });

  const escrowId = () => net.manifest.contracts.escrow;
  const target = () => ({ rpcUrl: net.url, networkPassphrase: net.manifest.networkPassphrase, contractId: escrowId() });
  const escrowBooking = (id: string) => readContract(escrow, target(), 'get_booking', escrowArgs.get_booking(BigInt(id)));
  const failNext = async (stage: 'simulate' | 'send' | 'chain') => {
    const res = await fetch(`${net.url}/devnet/fail-next`, { method: 'POST', body: JSON.stringify({ stage }) });
    expect(res.status).toBe(200);
  };
  /** The escrow's events of one kind for one escrow booking id, as the indexer decodes them. */
  async function escrowEvents(action: string, bookingId: string) {
    const page = await net.server.getEvents({ startLedger: 1, filters: [{ type: 'contract', contractIds: [escrowId()] }], limit: 1000 });
    return page.events.map((e) => parseEvent({
      type: e.type, id: e.id, ledger: e.ledger, ledgerClosedAt: e.ledgerClosedAt, contractId: e.contractId?.toString() ?? '',
      txHash: e.txHash, topic: e.topic.map((x) => x.toXDR('base64')), value: e.value.toXDR('base64'),
      inSuccessfulContractCall: e.inSuccessfulContractCall,
    })).filter((e) => e.action === action && e.bookingId === bookingId);
  }

  let n = 0;
  /** A traveller with a held booking, and a funded Stellar account (XLM and test USDC) that will pay for it. */
  async function held(from = 'JFK', to = 'LHR') {
    const user = await traveller(t, `Onchain${++n}`);
    const { booking } = await book(t, user, await nonstop(t, from, to));
    const payer = Keypair.random();
    expect((await net.server.fundAddress(payer.publicKey())).status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);
    await net.mint(payer.publicKey(), 10_000n * 10_000_000n);
    return { user, booking, payer };
  }

  /** What the browser does: the server's quote, then pay_quoted through contract.Client, signed by the payer; waits for the ledger. */
  async function payOnChain(user: string, pnr: string, payer: Keypair): Promise<string> {
    const q = await rail.quoteChainPayment(user, pnr, payer.publicKey());
    const client = new contract.Client(contractSpec('escrow'), {
      contractId: q.contract_id, networkPassphrase: q.network_passphrase, rpcUrl: q.rpc_url, allowHttp: true, publicKey: payer.publicKey(),
      signTransaction: contract.basicNodeSigner(payer, q.network_passphrase).signTransaction,
    }) as unknown as { pay_quoted(a: object): Promise<contract.AssembledTransaction<unknown>> };
    const tx = await client.pay_quoted({ quote: quoteFromJson(q.quote), signature: Buffer.from(q.signature, 'hex') });
    await tx.sign();
    const hash = (await tx.send()).sendTransactionResponse!.hash;
    await net.server.pollTransaction(hash, { attempts: 40, sleepStrategy: () => 250 });
    return hash;
  }

  const chainIds = (b: Booking) => b.segments.map((s) => s.seq);

  it('quotes in token units for the payer, and the server confirms the payment it reads from RPC', async () => {
    const { user, booking, payer } = await held();
    const q = await rail.quoteChainPayment(user, booking.pnr, payer.publicKey());
    expect(q).toMatchObject({ contract_id: escrowId(), network_passphrase: net.manifest.networkPassphrase, amount_minor: booking.price.total_minor });
    expect(q.quote.items.map((i) => BigInt(i.amount)).reduce((a, b) => a + b, 0n)).toBe(BigInt(booking.price.total_minor) * 100_000n);

    const hash = await payOnChain(user, booking.pnr, payer);
    const { booking: paid, verdict } = await rail.submitChainPayment(user, booking.pnr, hash, payer.publicKey());
    expect(verdict).toMatchObject({ status: 'confirmed', payer: payer.publicKey() });
    expect(paid).toMatchObject({ status: 'paid', payment_rail: 'soroban' });
    const onChain = await escrowBooking(q.quote.items[0].booking_id);
    expect(onChain).toMatchObject({ passenger: payer.publicKey(), amount: BigInt(q.quote.items[0].amount), state: 0 });   // Paid
    // Again with the same hash: nothing changes.
    expect((await rail.submitChainPayment(user, booking.pnr, hash, payer.publicKey())).replayed).toBe(true);
  });

  it('a transaction that failed on chain stays failed when reported again, and the booking can be paid anew', async () => {
    const { user, booking, payer } = await held();
    await failNext('chain');
    const bad = await payOnChain(user, booking.pnr, payer).catch((e: unknown) => {
      // the SDK's send() may already report the failed transaction; its hash is what the browser reports
      const m = /[0-9a-f]{64}/.exec(String(e));
      if (!m) throw e;
      return m[0];
    });
    expect((await rail.submitChainPayment(user, booking.pnr, bad, payer.publicKey())).verdict).toEqual({ status: 'failed', reason: 'The escrow contract refused the payment.' });
    expect((await rail.submitChainPayment(user, booking.pnr, bad, payer.publicKey())).verdict.status).toBe('failed');
    const good = await payOnChain(user, booking.pnr, payer);
    expect((await rail.submitChainPayment(user, booking.pnr, good, payer.publicKey())).booking.status).toBe('paid');
  });

  it('refuses to quote for a contract account or another traveller’s booking', async () => {
    const { booking } = await held();
    const stranger = await traveller(t, 'Stranger');
    await expect(rail.quoteChainPayment(stranger, booking.pnr, Keypair.random().publicKey())).rejects.toMatchObject({ status: 404 });
    await expect(rail.quoteChainPayment(stranger, booking.pnr, escrowId())).rejects.toMatchObject({ status: 422 });
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
    const before = await net.balance(payer.publicKey());
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    await t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id });

    expect(await settle.settleChainBookings()).toMatchObject({ confirmed: chainIds(booking).length, failed: 0 });
    const after = await t.db.call<Booking>('get_booking', { user_id: user, pnr: booking.pnr, admin: false });
    expect(after.chain_settlements).toMatchObject([{ kind: 'cancellation', status: 'confirmed', refund_minor: quote.refund_minor }]);
    expect(after.chain_settlements![0].tx_hash).toMatch(/^[0-9a-f]{64}$/);
    const [row] = await t.sql<{ chain_booking_id: string }>('select chain_booking_id from traqora.chain_settlements where booking_id = $1', [booking.id]);
    expect((await escrowBooking(row.chain_booking_id))).toMatchObject({ state: 4 });   // Refunded
    expect(await net.balance(payer.publicKey()) - before).toBe(BigInt(quote.refund_minor) * 100_000n);
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
    expect((await escrowBooking(row.chain_booking_id))).toMatchObject({ state: 3 });   // Released

    // Someone else's retry finds the escrow booking closed: marked done, not paid twice.
    await t.sql("update traqora.chain_settlements set status = 'pending', tx_hash = null where id = $1", [row.id]);
    expect(await settle.settleChainBookings()).toMatchObject({ confirmed: 1 });
    const [again] = await t.sql<{ status: string; error: string }>('select status, error from traqora.chain_settlements where id = $1', [row.id]);
    expect(again).toEqual({ status: 'confirmed', error: 'already settled on chain (Released)' });   // as the escrow closed it
    expect(await escrowEvents('released', row.chain_booking_id)).toHaveLength(1);
  });
});
