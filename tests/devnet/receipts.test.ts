import { Keypair, Operation, TransactionBuilder, rpc } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvent } from '@/lib/stellar/events';
import { toEventRow } from '@/lib/indexer/event-row';
import type { IndexedEvent } from '@/lib/payments/soroban/booking-chain';
import { QUOTED_FLIGHT_BIT, signPaymentQuote, type PaymentQuote } from '@/lib/payments/soroban/quote';
import { segmentReceipt, verifyReceipts } from '@/lib/payments/soroban/receipts';
import { contractSpec } from '@/lib/stellar/specs';
import type { ContractName } from '@/lib/stellar/contract-names';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';

// The trip page's soulbound receipt against the real host: a platform-signed quote paid into the
// devnet's escrow mints a receipt per segment; the app finds it in the receipts contract's events
// (as the indexer stores them) and verifies it with the contract's own get_receipt and
// verify_receipt, simulated through rpc.Server.

const missing = devnetMissing('traqora_receipts.wasm');
if (missing) console.warn(`skipping the receipts devnet tests: ${missing}`);

describe.skipIf(missing !== null)('booking receipts on the devnet', () => {
  let net: Devnet;
  beforeAll(async () => { net = await startDevnet(); }, 300_000);
  afterAll(async () => { await net?.stop(); });

  it('a paid quote mints a receipt per segment, which the app reads from events and the contract verifies', async () => {
    const passenger = Keypair.random();
    expect((await net.server.fundAddress(passenger.publicKey())).status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);
    await net.mint(passenger.publicKey(), 5_000_000_000n);
    const { escrow, receipts } = net.manifest.contracts;
    const now = BigInt(Math.floor(Date.now() / 1000));
    const base = BigInt(Date.now()) * 1000n;
    const item = (n: bigint, flight: string) => ({ airline: net.manifest.accounts.airline.publicKey, amount: 100_0000000n, arrival: now + 10n * 86_400n,
      booking_id: base + n, departure: now + 9n * 86_400n, flight_id: QUOTED_FLIGHT_BIT | (40n + n), flight_number: flight, sponsored: 0n });
    const quote: PaymentQuote = { escrow, expires_at: now + 900n, items: [item(1n, 'TQ101'), item(2n, 'TQ102')], passenger: passenger.publicKey(), sponsor: null };
    const args = contractSpec('escrow').funcArgsToScVals('pay_quoted', { quote, signature: signPaymentQuote(quote, Keypair.fromSecret(net.manifest.accounts.platform.secretSeed)) });
    const tx = new TransactionBuilder(await net.server.getAccount(passenger.publicKey()), { fee: '100', networkPassphrase: net.manifest.networkPassphrase })
      .addOperation(Operation.invokeContractFunction({ contract: escrow, function: 'pay_quoted', args })).setTimeout(120).build();
    const prepared = await net.server.prepareTransaction(tx);
    prepared.sign(passenger);
    const sent = await net.server.sendTransaction(prepared);
    const got = await net.server.pollTransaction(sent.hash, { attempts: 40, sleepStrategy: () => 250 });
    expect(got.status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);

    // the receipts contract's events, as the indexer decodes and stores them
    const names = new Map<string, ContractName>([[receipts, 'receipts'], [escrow, 'escrow']]);
    const page = await net.server.getEvents({ startLedger: (got as rpc.Api.GetSuccessfulTransactionResponse).ledger, filters: [{ type: 'contract', contractIds: [receipts] }] });
    const indexed: IndexedEvent[] = page.events.filter((e) => e.txHash === sent.hash).map((e) => {
      const row = toEventRow(parseEvent({ type: e.type, id: e.id, ledger: e.ledger, ledgerClosedAt: e.ledgerClosedAt, contractId: e.contractId?.toString() ?? '',
        txHash: e.txHash, topic: e.topic.map((t) => t.toXDR('base64')), value: e.value.toXDR('base64'), inSuccessfulContractCall: e.inSuccessfulContractCall }, names));
      return { ...row, closed_at: row.closed_at };
    });
    const found = [1n, 2n].map((n) => segmentReceipt(indexed, String(base + n), 'paid'));
    expect(found.map((r) => r?.passenger)).toEqual([passenger.publicKey(), passenger.publicKey()]);
    expect(found.every((r) => r!.minted_tx === sent.hash && r!.status === 'active')).toBe(true);
    expect(new Set(found.map((r) => r!.token_id)).size).toBe(2);

    const target = { rpcUrl: net.url, networkPassphrase: net.manifest.networkPassphrase, contractId: receipts };
    const verified = await verifyReceipts(target, found.map((r) => ({ token_id: r!.token_id, passenger: r!.passenger })));
    expect(verified.map((v) => [v.verified, v.status, v.flight_number, v.passenger])).toEqual([
      [true, 'active', 'TQ101', passenger.publicKey()], [true, 'active', 'TQ102', passenger.publicKey()]]);
    // someone else asking with their own account is told no: a receipt is its passenger's
    const [other] = await verifyReceipts(target, [{ token_id: found[0]!.token_id, passenger: Keypair.random().publicKey() }]);
    expect(other.verified).toBe(false);
  }, 180_000);
});
