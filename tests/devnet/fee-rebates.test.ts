import { Keypair, Operation, TransactionBuilder, rpc } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loyaltyRebatesConsumer } from '@/lib/events/consumers/loyalty-rebates';
import { runConsumers } from '@/lib/events/runner';
import { parseEvent } from '@/lib/stellar/events';
import { toEventRow } from '@/lib/indexer/event-row';
import { escrowToken, payFeeRebates, type RebateDeps } from '@/lib/loyalty/fee-rebates';
import { QUOTED_FLIGHT_BIT, signPaymentQuote, type PaymentQuote } from '@/lib/payments/soroban/quote';
import { onChainBookingId } from '@/lib/stellar/booking-id';
import { escrow, escrowArgs } from '@/lib/stellar/contracts/escrow';
import { invokeContract } from '@/lib/stellar/contracts/invoke';
import { readContract } from '@/lib/stellar/contracts/read';
import { trq } from '@/lib/stellar/contracts/trq';
import type { ContractName } from '@/lib/stellar/contract-names';
import { contractSpec } from '@/lib/stellar/specs';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';

// The tier discount on the soroban rail against the real host: a Gold traveller's booking paid
// into the devnet's escrow and released by the server signer (the settler); the escrow's
// PaymentReleased event, stored the way the indexer stores it, queues the rebate; the job pays
// it in the escrow's token from the server's account, and the payer's balance shows it.

const missing = devnetMissing();
if (missing) console.warn(`skipping the fee rebate devnet tests: ${missing}`);

describe.skipIf(missing !== null)('tier fee rebates paid on the devnet', () => {
  let net: Devnet;
  let t: TestDatabase;
  beforeAll(async () => { [net, t] = await Promise.all([startDevnet(), openTestDatabase({ seed: true, scheduleDays: 14 })]); }, 300_000);
  afterAll(async () => {
    await net?.stop();
    await t?.close();
  });

  it("pays the Gold share of the fee the escrow took back to the paying account, once", async () => {
    const { escrow: escrowId } = net.manifest.contracts;
    const target = { rpcUrl: net.url, networkPassphrase: net.manifest.networkPassphrase, contractId: escrowId };
    const server = Keypair.fromSecret(net.manifest.accounts.server.secretSeed);
    const passenger = Keypair.random();
    expect((await net.server.fundAddress(passenger.publicKey())).status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);
    await net.mint(passenger.publicKey(), 5_000_000_000n);
    await net.mint(server.publicKey(), 5_000_000_000n);    // the platform account rebates are paid from

    // the app's booking, paid on chain by the passenger (the database records what the server verified)
    const user = await traveller(t, 'Gold Devnet');
    await t.sql("insert into traqora.loyalty_members (user_id, tier) values ($1, 'gold')", [user]);
    const { booking } = await book(t, user, await nonstop(t));
    const chainId = onChainBookingId(booking.id, 1);
    const now = BigInt(Math.floor(Date.now() / 1000));
    const quote: PaymentQuote = { escrow: escrowId, expires_at: now + 900n, passenger: passenger.publicKey(), items: [{
      airline: net.manifest.accounts.airline.publicKey, amount: 400_0000000n, arrival: now + 10n * 86_400n, booking_id: chainId,
      departure: now + 9n * 86_400n, flight_id: QUOTED_FLIGHT_BIT | 77n, flight_number: 'TQ777' }] };
    const args = contractSpec('escrow').funcArgsToScVals('pay_quoted', { quote, signature: signPaymentQuote(quote, Keypair.fromSecret(net.manifest.accounts.platform.secretSeed)) });
    const tx = await net.server.prepareTransaction(new TransactionBuilder(await net.server.getAccount(passenger.publicKey()), { fee: '100', networkPassphrase: net.manifest.networkPassphrase })
      .addOperation(Operation.invokeContractFunction({ contract: escrowId, function: 'pay_quoted', args })).setTimeout(120).build());
    tx.sign(passenger);
    const polled = await net.server.pollTransaction((await net.server.sendTransaction(tx)).hash, { attempts: 40, sleepStrategy: () => 250 });
    expect(polled.status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);
    const paid = polled as rpc.Api.GetSuccessfulTransactionResponse;
    await t.db.call('record_chain_payment', { user_id: user, pnr: booking.pnr, tx_hash: paid.txHash, payer: passenger.publicKey() });
    await t.db.call('confirm_chain_payment', { tx_hash: paid.txHash, ledger: paid.ledger, closed_at: new Date().toISOString(), payer: passenger.publicKey() });

    // the server signer releases it, as the settle-chain job does
    const released = await invokeContract(escrow, target, server, 'release_payment_to_airline', escrowArgs.release_payment_to_airline(server.publicKey(), chainId), { waitMs: 20_000 });
    expect(released.outcome).toBe('success');
    const releaseHash = (released as { hash: string }).hash;

    // the indexer stores the escrow's events; the loyalty-rebates consumer reads them
    const names = new Map<string, ContractName>([[escrowId, 'escrow']]);
    const page = await net.server.getEvents({ startLedger: paid.ledger, filters: [{ type: 'contract', contractIds: [escrowId] }] });
    const rows = page.events.filter((e) => e.txHash === releaseHash).map((e) => toEventRow(parseEvent({ type: e.type, id: e.id, ledger: e.ledger,
      ledgerClosedAt: e.ledgerClosedAt, contractId: e.contractId?.toString() ?? '', txHash: e.txHash, topic: e.topic.map((x) => x.toXDR('base64')),
      value: e.value.toXDR('base64'), inSuccessfulContractCall: e.inSuccessfulContractCall }, names)));
    const releaseEvent = rows.find((r) => r.event === 'PaymentReleased')!;
    const feeUnits = BigInt(String(releaseEvent.fields!.fee));
    expect(feeUnits).toBeGreaterThan(0n);
    const last = rows[rows.length - 1];
    await t.db.call('record_chain_events', { stream: 'devnet', events: rows, cursor: last.id, last_ledger: last.ledger, latest_ledger: last.ledger });
    await runConsumers(t.db, [loyaltyRebatesConsumer(async () => t.db)], {});
    const feeMinor = Number(feeUnits / 100_000n);
    const expected = Math.floor(feeMinor * 2500 / 10000);
    const [queued] = await t.db.call<{ amount_minor: number; address: string; status: string }[]>('loyalty_fee_rebates_for_booking', { pnr: booking.pnr });
    expect(queued).toMatchObject({ amount_minor: expected, address: passenger.publicKey(), status: 'pending' });

    // the job pays it in the escrow's token, from the server's account
    const token = await escrowToken(target);
    expect(token).toBe(net.manifest.asset.contractId);
    const balance = (account: string) => readContract(trq, { ...target, contractId: token }, 'balance', trq.args.balance(account));
    const [before, serverBefore] = [await balance(passenger.publicKey()), await balance(server.publicKey())];
    const deps: RebateDeps = { database: t.db, target, payer: server, waitMs: 20_000 };
    expect(await payFeeRebates(deps)).toEqual({ confirmed: 1, pending: 0, failed: 0, submitted: 0 });
    expect(await balance(passenger.publicKey()) - before).toBe(BigInt(expected) * 100_000n);
    expect(serverBefore - await balance(server.publicKey())).toBe(BigInt(expected) * 100_000n);
    const [done] = await t.db.call<{ status: string; tx_hash: string }[]>('loyalty_fee_rebates_for_booking', { pnr: booking.pnr });
    expect(done.status).toBe('confirmed');
    expect((await net.server.getTransaction(done.tx_hash)).status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);

    // run again: nothing more is paid
    expect(await payFeeRebates(deps)).toEqual({ confirmed: 0, pending: 0, failed: 0, submitted: 0 });
    expect(await balance(passenger.publicKey()) - before).toBe(BigInt(expected) * 100_000n);
  }, 240_000);
});
