import { contract, Keypair, nativeToScVal, rpc, xdr } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Booking, CancellationQuote } from '@/lib/bookings/types';
import type { ChainQuote } from '@/lib/payments/soroban/quote-json';
import { assemblePayment } from '@/lib/payments/soroban/assemble-payment';
import { escrow, escrowArgs } from '@/lib/stellar/contracts/escrow';
import { readContract } from '@/lib/stellar/contracts/read';
import { parseEvent } from '@/lib/stellar/events';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';

// Points pay part of a wallet payment, on the real escrow (the devnet runs the wasm): the server
// quotes with points (the quote's sponsor is the loyalty-liability account, whose authorisation
// it signs, and the points are held), the traveller's wallet signs one transaction that the
// devnet applies in the host's enforcing mode, and the server's confirmation spends the hold.
// The airline is then paid the whole fare; a cancellation returns the liability's share on chain
// and the points to the member.

const missing = devnetMissing();
if (missing) console.warn(`skipping the points-on-chain tests on the devnet: ${missing}`);

let t: TestDatabase;
vi.mock('@/lib/db/connect', () => ({ db: async () => t.db }));

let net: Devnet;
let rail: typeof import('@/lib/payments/soroban/rail');
let settle: typeof import('@/lib/payments/soroban/settle');
let admin: string;

const UNITS = 100_000n; // token base units (7 decimals) per cent

describe.skipIf(missing !== null)('points paying part of a wallet payment, on the devnet', () => {
  beforeAll(async () => {
    [net, t] = await Promise.all([startDevnet(), openTestDatabase({ seed: true, scheduleDays: 14 })]);
    const m = net.manifest;
    vi.stubEnv('PAYMENT_RAIL', 'soroban');
    vi.stubEnv('STELLAR_RPC_URL', net.url);
    vi.stubEnv('STELLAR_NETWORK_PASSPHRASE', m.networkPassphrase);
    vi.stubEnv('TRAQORA_CONTRACT_IDS', `escrow=${m.contracts.escrow}`);
    vi.stubEnv('STELLAR_SERVER_SECRET', m.accounts.server.secretSeed);
    vi.stubEnv('STELLAR_QUOTE_SECRET', m.accounts.platform.secretSeed);
    // genesis's loyalty-liability account (a devnet binary older than it: one funded here)
    if (!m.accounts['loyalty-liability']) {
      const kp = Keypair.random();
      await net.server.fundAddress(kp.publicKey());
      await net.mint(kp.publicKey(), 10_000n * 10_000_000n);
      m.accounts['loyalty-liability'] = { publicKey: kp.publicKey(), secretSeed: kp.secret() };
    }
    vi.stubEnv('LOYALTY_LIABILITY_SECRET', m.accounts['loyalty-liability'].secretSeed);
    rail = await import('@/lib/payments/soroban/rail');
    settle = await import('@/lib/payments/soroban/settle');
    admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Points admin' })).id;
  }, 300_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await net?.stop();
    await t?.close();
  });

  const escrowId = () => net.manifest.contracts.escrow;
  const liability = () => net.manifest.accounts['loyalty-liability'].publicKey;
  const target = () => ({ rpcUrl: net.url, networkPassphrase: net.manifest.networkPassphrase, contractId: escrowId() });
  const escrowBooking = (id: string) => readContract(escrow, target(), 'get_booking', escrowArgs.get_booking(BigInt(id)));
  const activePoints = async (user: string) => (await t.db.call<{ points: { active: number } }>('loyalty_summary', { user_id: user })).points.active;
  async function escrowEvents(bookingId: string) {
    const page = await net.server.getEvents({ startLedger: 1, filters: [{ type: 'contract', contractIds: [escrowId()] }], limit: 1000 });
    return page.events.map((e) => parseEvent({
      type: e.type, id: e.id, ledger: e.ledger, ledgerClosedAt: e.ledgerClosedAt, contractId: e.contractId?.toString() ?? '',
      txHash: e.txHash, topic: e.topic.map((x) => x.toXDR('base64')), value: e.value.toXDR('base64'),
      inSuccessfulContractCall: e.inSuccessfulContractCall,
    })).filter((e) => e.bookingId === bookingId);
  }

  let n = 0;
  /** A member with `points` active points, a held booking, and a funded Stellar account. */
  async function held(points = 20_000) {
    const user = await traveller(t, `Points${++n}`);
    await t.db.call('loyalty_adjust', {
      ctx: { actor: admin, role: 'admin', reason: 'Test points', ip: null, request_id: `points-${n}-${Date.now()}` }, user_id: user, points, key: `points-${n}-${Date.now()}`,
    });
    const { booking } = await book(t, user, await nonstop(t));
    const payer = Keypair.random();
    expect((await net.server.fundAddress(payer.publicKey())).status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);
    await net.mint(payer.publicKey(), 10_000n * 10_000_000n);
    return { user, booking, payer };
  }

  /** What the browser does with a quote: the transaction built (both authorisations), signed by the payer, sent. */
  async function send(q: ChainQuote, payer: Keypair): Promise<string> {
    const tx = await assemblePayment({ ...q, lines: [] }, payer.publicKey(), contract.basicNodeSigner(payer, q.network_passphrase).signTransaction);
    if (tx.simulation && rpc.Api.isSimulationError(tx.simulation)) throw new Error(tx.simulation.error);
    await tx.sign();
    const hash = (await tx.send()).sendTransactionResponse!.hash;
    await net.server.pollTransaction(hash, { attempts: 40, sleepStrategy: () => 250 });
    return hash;
  }

  it('the wallet pays the fare less the points, the liability account the rest, the escrow holds the whole fare, and the hold is spent', async () => {
    const { user, booking, payer } = await held(20_000);
    const q = await rail.quoteChainPayment(user, booking.pnr, payer.publicKey(), 12_345);
    // 12,345 points at 100 a dollar buy $123.45, within the fare
    const discount = 123_45;
    expect(q.loyalty).toMatchObject({ points: 12_345, discount_minor: discount, balance: 20_000 - 12_345 });
    expect(q.amount_minor).toBe(booking.price.total_minor - discount);
    expect(q.quote.sponsor).toBe(liability());
    expect(q.quote.items.reduce((s, i) => s + BigInt(i.sponsored), 0n)).toBe(BigInt(discount) * UNITS);
    expect(q.quote.items.reduce((s, i) => s + BigInt(i.amount), 0n)).toBe(BigInt(booking.price.total_minor) * UNITS);
    // held, not yet spent: the member's active points are unchanged until the chain says so
    expect(await activePoints(user)).toBe(20_000);

    const before = { payer: await net.balance(payer.publicKey()), liability: await net.balance(liability()), escrow: await net.balance(escrowId()) };
    const hash = await send(q, payer);
    const { booking: paid, verdict } = await rail.submitChainPayment(user, booking.pnr, hash, payer.publicKey());
    expect(verdict).toMatchObject({ status: 'confirmed', payer: payer.publicKey(), quoteRef: q.signature });
    expect(paid.status).toBe('paid');
    expect(await net.balance(payer.publicKey())).toBe(before.payer - BigInt(q.amount_minor) * UNITS);
    expect(await net.balance(liability())).toBe(before.liability - BigInt(discount) * UNITS);
    expect(await net.balance(escrowId())).toBe(before.escrow + BigInt(booking.price.total_minor) * UNITS);
    for (const item of q.quote.items) {
      expect(await escrowBooking(item.booking_id)).toMatchObject({ amount: BigInt(item.amount), passenger: payer.publicKey(), state: 0 });
      const kinds = (await escrowEvents(item.booking_id)).map((e) => [e.event, e.fields?.amount]);
      expect(kinds).toEqual([['BookingPaid', item.amount], ...(BigInt(item.sponsored) > 0n ? [['BookingSponsored', item.sponsored]] : [])]);
    }
    // the confirmation spent the hold: the points are gone, once
    expect(await activePoints(user)).toBe(20_000 - 12_345);
    // the wallet's history shows what left the wallet
    const history = await t.db.call<{ data: { kind: string; amount_minor: number }[] }>('chain_wallet_history', { user_id: user, limit: 10 });
    expect(history.data.filter((e) => e.kind === 'payment').map((e) => e.amount_minor)).toEqual([q.amount_minor]);
    expect((await rail.submitChainPayment(user, booking.pnr, hash, payer.publicKey())).replayed).toBe(true);
    expect(await activePoints(user)).toBe(20_000 - 12_345);

    // after the flight the airline is paid the whole fare (less the fee), the liability nothing back
    await t.sql("update traqora.flights set departs_at = now() - interval '10 hours', arrives_at = now() - interval '3 hours' where id = $1", [booking.segments[0].flight_id]);
    await t.db.call('release_flown_bookings', {});
    const liabilityBefore = await net.balance(liability());
    expect(await settle.settleChainBookings()).toMatchObject({ confirmed: q.quote.items.length, failed: 0 });
    for (const item of q.quote.items) {
      const released = (await escrowEvents(item.booking_id)).find((e) => e.event === 'PaymentReleased')!;
      expect(BigInt(released.fields!.to_airline as string) + BigInt(released.fields!.fee as string)).toBe(BigInt(item.amount));
    }
    expect(await net.balance(liability())).toBe(liabilityBefore);
  });

  it('a cancellation returns the liability account its share on chain and the member their points', async () => {
    const { user, booking, payer } = await held(20_000);
    const q = await rail.quoteChainPayment(user, booking.pnr, payer.publicKey(), 10_000);
    await rail.submitChainPayment(user, booking.pnr, await send(q, payer), payer.publicKey());
    expect(await activePoints(user)).toBe(10_000);
    const before = { payer: await net.balance(payer.publicKey()), liability: await net.balance(liability()) };
    const cq = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    await t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: cq.id });
    expect(await settle.settleChainBookings()).toMatchObject({ failed: 0 });

    // per segment, the escrow shared the refund: sponsored × refund / amount to the liability
    let toLiability = 0n;
    let refunded = 0n;
    for (const item of q.quote.items) {
      const events = await escrowEvents(item.booking_id);
      const settled = events.find((e) => e.event === 'CancellationSettled')!;
      const refund = BigInt(settled.fields!.refund as string);
      const share = (BigInt(item.sponsored) * refund) / BigInt(item.amount);
      const back = events.find((e) => e.event === 'SponsorRefunded');
      expect(back ? BigInt(back.fields!.amount as string) : 0n).toBe(share);
      toLiability += share;
      refunded += refund;
    }
    expect(refunded).toBe(BigInt(cq.refund_minor) * UNITS);
    expect(await net.balance(liability())).toBe(before.liability + toLiability);
    expect(await net.balance(payer.publicKey())).toBe(before.payer + refunded - toLiability);
    // the points come back in proportion to the money refunded (all of them on a full refund)
    const back = Math.round(10_000 * cq.refund_minor / booking.price.total_minor);
    expect(await activePoints(user)).toBe(10_000 + back);
    // the wallet's history shows what reached the wallet, not the liability's share
    const history = await t.db.call<{ data: { kind: string; amount_minor: number }[] }>('chain_wallet_history', { user_id: user, limit: 10 });
    const refunds = history.data.filter((e) => e.kind === 'refund');
    const shown = refunds.reduce((s, e) => s + e.amount_minor, 0);
    // in cents, each segment's share rounded: within a cent a segment of the exact figure
    expect(Math.abs(shown * Number(UNITS) - Number(refunded - toLiability))).toBeLessThanOrEqual(refunds.length * Number(UNITS));
    expect(shown).toBeLessThan(cq.refund_minor);
  });

  it('refuses points it cannot take, with nothing held', async () => {
    const { user, booking, payer } = await held(1_000);
    await expect(rail.quoteChainPayment(user, booking.pnr, payer.publicKey(), 1_001)).rejects.toMatchObject({ status: 409, field: 'points' });
    await expect(rail.quoteChainPayment(user, booking.pnr, payer.publicKey(), 10)).resolves.toMatchObject({ loyalty: { discount_minor: 10 } });
    // a fare in another currency
    const other = await held(1_000);
    await t.sql("update traqora.bookings set currency = 'EUR' where id = $1", [other.booking.id]);
    await expect(rail.quoteChainPayment(other.user, other.booking.pnr, other.payer.publicKey(), 500)).rejects.toMatchObject({ status: 422, field: 'points' });
    // the refusals held nothing: the member can still use every point
    await expect(rail.quoteChainPayment(other.user, other.booking.pnr, other.payer.publicKey(), 0)).resolves.toMatchObject({ sponsor_auth: null });
    await t.sql("update traqora.bookings set currency = 'USD' where id = $1", [other.booking.id]);
    await expect(rail.quoteChainPayment(other.user, other.booking.pnr, other.payer.publicKey(), 1_000)).resolves.toMatchObject({ loyalty: { points: 1_000 } });
  });

  it('a sponsor part or authorisation changed by the client is refused by the contract, and nothing moves', async () => {
    const { user, booking, payer } = await held(20_000);
    const q = await rail.quoteChainPayment(user, booking.pnr, payer.publicKey(), 5_000);
    const before = { payer: await net.balance(payer.publicKey()), liability: await net.balance(liability()) };

    // the platform pays more of the fare than it signed for
    const greedy = structuredClone(q);
    greedy.quote.items[0].sponsored = greedy.quote.items[0].amount;
    await expect(send(greedy, payer)).rejects.toThrow(/Crypto|ED25519|auth/i);

    // the liability's authorisation stretched to a larger transfer: its signature no longer matches
    const stretched = structuredClone(q);
    const entry = xdr.SorobanAuthorizationEntry.fromXdr(q.sponsor_auth!, 'base64');
    const [sub] = entry.rootInvocation.subInvocations;
    if (sub.function.type !== 'sorobanAuthorizedFunctionTypeContractFn') throw new Error('no transfer');
    const fn = sub.function.contractFn;
    const bigger = new xdr.InvokeContractArgs({ contractAddress: fn.contractAddress, functionName: fn.functionName, args: [fn.args[0], fn.args[1], nativeToScVal(10n ** 12n, { type: 'i128' })] });
    stretched.sponsor_auth = new xdr.SorobanAuthorizationEntry({
      credentials: entry.credentials,
      rootInvocation: new xdr.SorobanAuthorizedInvocation({ function: entry.rootInvocation.function, subInvocations: [
        new xdr.SorobanAuthorizedInvocation({ function: xdr.SorobanAuthorizedFunction.sorobanAuthorizedFunctionTypeContractFn(bigger), subInvocations: [] }),
      ] }),
    }).toXdr('base64');
    await expect(send(stretched, payer)).rejects.toThrow();

    // no sponsor authorisation at all: the payer's alone cannot spend the liability's money
    await expect(send({ ...q, sponsor_auth: null }, payer)).rejects.toThrow();

    expect(await net.balance(payer.publicKey())).toBe(before.payer);
    expect(await net.balance(liability())).toBe(before.liability);
    expect((await t.db.call<Booking>('get_booking', { user_id: user, pnr: booking.pnr, admin: false })).status).toBe('held');
    // the quote as signed still pays
    const hash = await send(q, payer);
    expect((await rail.submitChainPayment(user, booking.pnr, hash, payer.publicKey())).booking.status).toBe('paid');
    expect(await activePoints(user)).toBe(15_000);
  });
});
