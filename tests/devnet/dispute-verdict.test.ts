import { contract, Keypair, rpc } from '@stellar/stellar-sdk';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Booking } from '@/lib/bookings/types';
import { voteCommitment } from '@/lib/disputes/commitment';
import type { Dispute } from '@/lib/disputes/types';
import { quoteFromJson } from '@/lib/payments/soroban/quote-json';
import { escrow, escrowArgs } from '@/lib/stellar/contracts/escrow';
import { invokeContract } from '@/lib/stellar/contracts/invoke';
import { readContract } from '@/lib/stellar/contracts/read';
import { contractSpec } from '@/lib/stellar/specs';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { PNG, file, jurors, staff, staffCtx } from '@/tests/support/dispute-fixtures';
import { DAY, advance } from '@/tests/support/governance-fixtures';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';

// A dispute over a booking paid on the soroban rail, decided by the app's jury and executed on
// the real Soroban host (contracts/devnet, the contracts' wasm): the traveller's wallet pays the
// escrow; support escalates with a partial split; jurors commit and reveal; the jury clock
// tallies and executes the verdict, which queues the escrow settlement; the settle job sends it
// with the server signer (the escrow's settler); the test then reads the chain: the traveller got
// the refund, the airline and the treasury the rest, and refund + airline + fee = what was held.
//
// This is the app's jury, which can split the escrow: its verdict settles through the escrow's
// settle_cancellation. A party who wants the disputes contract's own jury (full refund or full
// release, executed by the contract's execute_verdict) files there instead:
// tests/devnet/chain-dispute.test.ts (docs/governance.md, "The on-chain jury").

const missing = devnetMissing();
if (missing) console.warn(`skipping the devnet dispute tests: ${missing}`);

let t: TestDatabase;
vi.mock('@/lib/db/connect', () => ({ db: async () => t.db }));

const UNIT = 100_000n;   // token base units per cent (7 decimals against 2)
let net: Devnet;
let support: string;
let rail: typeof import('@/lib/payments/soroban/rail');
let settle: typeof import('@/lib/payments/soroban/settle');
let desk: typeof import('@/lib/disputes/desk');
let jury: typeof import('@/lib/disputes/jury');
let clock: typeof import('@/lib/disputes/clock');

describe.skipIf(missing !== null)('a jury verdict on the soroban rail, on the real host', () => {
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
    desk = await import('@/lib/disputes/desk');
    jury = await import('@/lib/disputes/jury');
    clock = await import('@/lib/disputes/clock');
    support = await staff(t, 'support', 'Chain desk');
    await t.db.call('set_governed_parameter', { key: 'disputes.jury_size', value: 3, actor: null, source: 'admin' });
    await jurors(t, 5, 'Chain pool');
  }, 300_000);

  afterAll(async () => {
    vi.unstubAllEnvs();
    await net?.stop();
    await t?.close();
  });

  const target = () => ({ rpcUrl: net.url, networkPassphrase: net.manifest.networkPassphrase, contractId: net.manifest.contracts.escrow });
  const escrowBooking = (id: string) => readContract(escrow, target(), 'get_booking', escrowArgs.get_booking(BigInt(id)));

  let n = 0;
  /** A traveller's booking paid from their own funded wallet into the real escrow, confirmed by the server from RPC. */
  async function paidOnChain(route: [string, string] = ['JFK', 'LHR']): Promise<{ user: string; booking: Booking; payer: Keypair; chainId: string }> {
    const user = await traveller(t, `Chain disputer ${++n}`);
    const { booking } = await book(t, user, await nonstop(t, ...route), { family: 'basic' });
    // the airline is paid to its own account, so its share can be read on chain
    const [seg] = await t.sql<{ airline: string }>('select airline from traqora.booking_segments where booking_id = $1', [booking.id]);
    await t.db.call('set_airline_payout_account', { airline: seg.airline, address: net.manifest.accounts.airline.publicKey });
    const payer = Keypair.random();
    expect((await net.server.fundAddress(payer.publicKey())).status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);
    await net.mint(payer.publicKey(), 10_000n * 10_000_000n);

    const q = await rail.quoteChainPayment(user, booking.pnr, payer.publicKey());
    const client = new contract.Client(contractSpec('escrow'), {
      contractId: q.contract_id, networkPassphrase: q.network_passphrase, rpcUrl: q.rpc_url, allowHttp: true, publicKey: payer.publicKey(),
      signTransaction: contract.basicNodeSigner(payer, q.network_passphrase).signTransaction,
    }) as unknown as { pay_quoted(a: object): Promise<contract.AssembledTransaction<unknown>> };
    const tx = await client.pay_quoted({ quote: quoteFromJson(q.quote), signature: Buffer.from(q.signature, 'hex') });
    await tx.sign();
    const sent = await tx.send();
    const hash = sent.sendTransactionResponse!.hash;
    await net.server.pollTransaction(hash, { attempts: 40, sleepStrategy: () => 250 });
    const { booking: paid, verdict } = await rail.submitChainPayment(user, booking.pnr, hash, payer.publicKey());
    expect(verdict.status).toBe('confirmed');
    expect(paid).toMatchObject({ status: 'paid', payment_rail: 'soroban' });
    return { user, booking: paid, payer, chainId: q.quote.items[0].booking_id };
  }

  /** Opens the traveller's dispute; support escalates it with `split` as the third option (the app draws at once). */
  async function escalated(user: string, pnr: string, split: { refund_minor: number; airline_minor: number; fee_minor: number }): Promise<Dispute> {
    const d = await desk.openDispute(user, pnr, 'The airline refused boarding and kept the fare.', [file('denied.png', PNG)], `k-${pnr}`, 'h');
    return desk.escalateDispute({ ...staffCtx(support, 'support', 'Partly the traveller\'s fault'), role: 'support' }, d.id, split);
  }

  /** Every juror of round 1 votes `option`; the windows pass and the jury clock tallies, then executes. */
  async function decide(d: Dispute, option: number) {
    const salts = new Map<string, string>();
    for (const { juror } of d.rounds[0].seats) {
      const salt = randomBytes(32).toString('hex');
      salts.set(juror, salt);
      await jury.commitVote(juror, d.id, await voteCommitment(1, option, salt, juror));
    }
    await advance(t, 2 * DAY + 1);
    for (const [juror, salt] of salts) await jury.revealVote(juror, d.id, option, salt);
    await advance(t, DAY + 1);
    expect(await clock.juryClockJob()).toMatchObject({ tallied: 1, failed: 0 });
    await advance(t, 2 * DAY + 1);
    expect(await clock.juryClockJob()).toMatchObject({ executed: 1, failed: 0 });
  }

  it('a partial split moves on chain: refund to the traveller, the rest to the airline less the escrow fee, summing to what was held', async () => {
    const { user, booking, payer, chainId } = await paidOnChain();
    const held = BigInt(booking.price.total_minor);
    const refund = held * 60n / 100n;
    const d = await escalated(user, booking.pnr, { refund_minor: Number(refund), airline_minor: Number(held - refund), fee_minor: 0 });
    expect(d.rounds[0].options.map((o) => o.refund_minor)).toEqual([Number(held), 0, Number(refund)]);
    expect(await escrowBooking(chainId)).toMatchObject({ state: 0 });   // Paid: the app holds the dispute; the escrow waits for it

    const { airline, treasury } = net.manifest.accounts;
    const before = { payer: await net.balance(payer.publicKey()), airline: await net.balance(airline.publicKey),
                     treasury: await net.balance(treasury.publicKey), escrow: await net.balance(net.manifest.contracts.escrow) };
    await decide(d, 2);
    const resolved = await desk.getDispute(support, d.id, true);
    expect(resolved).toMatchObject({ status: 'resolved', booking_status: 'refunded', resolution: { source: 'jury', refund_minor: Number(refund) } });

    // nothing has moved yet: the verdict is in the settlement outbox until the settle job sends it
    expect(await net.balance(payer.publicKey())).toBe(before.payer);
    expect(await settle.settleChainBookings()).toEqual({ confirmed: 1, failed: 0, pending: 0 });

    const after = { payer: await net.balance(payer.publicKey()), airline: await net.balance(airline.publicKey),
                    treasury: await net.balance(treasury.publicKey), escrow: await net.balance(net.manifest.contracts.escrow) };
    const onChain = await escrowBooking(chainId);
    const feeBps = BigInt(onChain.fee_bps as number);
    const heldTokens = held * UNIT;
    const fee = (heldTokens - refund * UNIT) * feeBps / 10_000n;     // the escrow's split_fee
    expect(feeBps).toBeGreaterThan(0n);
    expect(onChain).toMatchObject({ state: 4 });   // Refunded
    expect(after.payer - before.payer).toBe(refund * UNIT);
    expect(after.treasury - before.treasury).toBe(fee);
    expect(after.airline - before.airline).toBe(heldTokens - refund * UNIT - fee);
    expect((after.payer - before.payer) + (after.airline - before.airline) + (after.treasury - before.treasury)).toBe(heldTokens);
    expect(before.escrow - after.escrow).toBe(heldTokens);

    // the app records what the escrow's own event says it paid, and shows it on the dispute
    const [row] = await t.sql<{ status: string; tx_hash: string; moved: unknown }>('select status, tx_hash, moved from traqora.chain_settlements where booking_id = $1', [booking.id]);
    expect(row).toMatchObject({ status: 'confirmed', tx_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(row.moved).toEqual({ event: 'CancellationSettled', refund: (refund * UNIT).toString(), to_airline: (heldTokens - refund * UNIT - fee).toString(), fee: fee.toString() });
    const shown = await desk.getDispute(user, d.id, false);
    expect(shown.chain_settlements).toEqual([expect.objectContaining({ status: 'confirmed', tx_hash: row.tx_hash, moved: row.moved })]);

    // and audits it on the dispute, once
    const audits = await t.sql<{ action: string; after: { tx_hash: string; moved: unknown } }>(
      "select action, after from traqora.audit_log where resource_type = 'dispute' and resource_id = $1 and action like 'dispute.settle%'", [d.id]);
    expect(audits).toEqual([{ action: 'dispute.settled_on_chain', after: expect.objectContaining({ tx_hash: row.tx_hash, moved: row.moved }) }]);

    // a re-run sends nothing: the escrow pays each booking once
    expect(await settle.settleChainBookings()).toEqual({ confirmed: 0, failed: 0, pending: 0 });
    expect(await net.balance(payer.publicKey())).toBe(after.payer);
  });

  it('a release verdict pays the airline through the escrow; an escrow booking closed meanwhile is recorded as it closed', async () => {
    // verdict for the airline: the escrow keeps its fee, the airline gets the rest, the traveller nothing
    const first = await paidOnChain();
    const d = await escalated(first.user, first.booking.pnr, { refund_minor: 100, airline_minor: first.booking.price.total_minor - 100, fee_minor: 0 });
    const airlineBefore = await net.balance(net.manifest.accounts.airline.publicKey);
    await decide(d, 1);
    expect(await settle.settleChainBookings()).toMatchObject({ confirmed: 1, failed: 0 });
    const [row] = await t.sql<{ moved: { refund: string; to_airline: string; fee: string } }>('select moved from traqora.chain_settlements where booking_id = $1', [first.booking.id]);
    const heldTokens = BigInt(first.booking.price.total_minor) * UNIT;
    expect(row.moved.refund).toBe('0');
    expect(BigInt(row.moved.to_airline) + BigInt(row.moved.fee)).toBe(heldTokens);
    expect(await net.balance(net.manifest.accounts.airline.publicKey) - airlineBefore).toBe(BigInt(row.moved.to_airline));

    // the airline refunds the traveller itself on chain before the verdict is sent: the verdict
    // cannot move that money again, and the outbox row says how the escrow closed it
    // A domestic fare: the airline may refund on its own only up to the escrow's large-refund
    // threshold (1,000 USDC on the devnet), and a transatlantic basic fare can cost more on some days.
    const second = await paidOnChain(['JFK', 'LAX']);
    expect(second.booking.price.total_minor).toBeLessThan(100_000);
    const d2 = await escalated(second.user, second.booking.pnr, { refund_minor: 100, airline_minor: second.booking.price.total_minor - 100, fee_minor: 0 });
    const airlineKey = Keypair.fromSecret(net.manifest.accounts.airline.secretSeed);
    const own = await invokeContract(escrow, target(), airlineKey, 'refund_passenger', escrowArgs.refund_passenger(airlineKey.publicKey(), BigInt(second.chainId)), { pollMs: 250 });
    expect(own).toMatchObject({ outcome: 'success' });
    await decide(d2, 1);
    expect(await settle.settleChainBookings()).toMatchObject({ confirmed: 1, failed: 0 });
    const [closed] = await t.sql<{ status: string; error: string; moved: unknown }>('select status, error, moved from traqora.chain_settlements where booking_id = $1', [second.booking.id]);
    expect(closed).toEqual({ status: 'confirmed', error: 'already settled on chain (Refunded)', moved: null });
  });
});
