import { Keypair, Operation, TransactionBuilder, rpc } from '@stellar/stellar-sdk';
import { loyaltyRebatesConsumer } from '@/lib/events/consumers/loyalty-rebates';
import { runConsumers } from '@/lib/events/runner';
import { parseEvent } from '@/lib/stellar/events';
import { toEventRow } from '@/lib/indexer/event-row';
import { QUOTED_FLIGHT_BIT, signPaymentQuote, type PaymentQuote } from '@/lib/payments/soroban/quote';
import { onChainBookingId } from '@/lib/stellar/booking-id';
import { escrow, escrowArgs } from '@/lib/stellar/contracts/escrow';
import { invokeContract, type InvokeTarget } from '@/lib/stellar/contracts/invoke';
import type { ContractName } from '@/lib/stellar/contract-names';
import { contractSpec } from '@/lib/stellar/specs';
import type { TestDatabase } from './database';
import { book, nonstop, traveller } from './booking-fixtures';
import type { Devnet } from './devnet-node';

// A tier fee rebate queued on the devnet the way production queues one: a Gold traveller's app
// booking paid into the real escrow by a fresh passenger account (pay_quoted with a platform-signed
// quote), released by the server signer (the settler), the escrow's events stored the way the
// indexer stores them, and the loyalty-rebates consumer run over them.

export interface QueuedRebate {
  pnr: string;
  chainBookingId: string;
  passenger: Keypair;
  /** The escrow's fee in minor units, and the Gold share the rebate pays. */
  feeMinor: number;
  amountMinor: number;
}

export async function queueGoldRebate(net: Devnet, t: TestDatabase, name: string, flightNo = 77n): Promise<QueuedRebate> {
  const { escrow: escrowId } = net.manifest.contracts;
  const target: InvokeTarget = { rpcUrl: net.url, networkPassphrase: net.manifest.networkPassphrase, contractId: escrowId };
  const server = Keypair.fromSecret(net.manifest.accounts.server.secretSeed);
  const passenger = Keypair.random();
  if ((await net.server.fundAddress(passenger.publicKey())).status !== rpc.Api.GetTransactionStatus.SUCCESS) throw new Error('friendbot failed');
  await net.mint(passenger.publicKey(), 5_000_000_000n);

  const user = await traveller(t, name);
  await t.sql("insert into traqora.loyalty_members (user_id, tier) values ($1, 'gold')", [user]);
  const { booking } = await book(t, user, await nonstop(t));
  const chainId = onChainBookingId(booking.id, 1);
  const now = BigInt(Math.floor(Date.now() / 1000));
  const quote: PaymentQuote = { escrow: escrowId, expires_at: now + 900n, passenger: passenger.publicKey(), sponsor: null, items: [{
    airline: net.manifest.accounts.airline.publicKey, amount: 400_0000000n, arrival: now + 10n * 86_400n, booking_id: chainId,
    departure: now + 9n * 86_400n, flight_id: QUOTED_FLIGHT_BIT | flightNo, flight_number: `TQ${flightNo}`, sponsored: 0n }] };
  const args = contractSpec('escrow').funcArgsToScVals('pay_quoted', { quote, signature: signPaymentQuote(quote, Keypair.fromSecret(net.manifest.accounts.platform.secretSeed)) });
  const tx = await net.server.prepareTransaction(new TransactionBuilder(await net.server.getAccount(passenger.publicKey()), { fee: '100', networkPassphrase: net.manifest.networkPassphrase })
    .addOperation(Operation.invokeContractFunction({ contract: escrowId, function: 'pay_quoted', args })).setTimeout(120).build());
  tx.sign(passenger);
  const polled = await net.server.pollTransaction((await net.server.sendTransaction(tx)).hash, { attempts: 40, sleepStrategy: () => 250 });
  if (polled.status !== rpc.Api.GetTransactionStatus.SUCCESS) throw new Error(`pay_quoted ended ${polled.status}`);
  const paid = polled as rpc.Api.GetSuccessfulTransactionResponse;
  await t.db.call('record_chain_payment', { user_id: user, pnr: booking.pnr, tx_hash: paid.txHash, payer: passenger.publicKey() });
  await t.db.call('confirm_chain_payment', { tx_hash: paid.txHash, ledger: paid.ledger, closed_at: new Date().toISOString(), payer: passenger.publicKey() });

  // the server signer releases it, as the settle-chain job does
  const released = await invokeContract(escrow, target, server, 'release_payment_to_airline', escrowArgs.release_payment_to_airline(server.publicKey(), chainId), { waitMs: 20_000 });
  if (released.outcome !== 'success') throw new Error(`release ended ${released.outcome}`);

  // the indexer stores the escrow's events; the loyalty-rebates consumer reads them
  const names = new Map<string, ContractName>([[escrowId, 'escrow']]);
  const page = await net.server.getEvents({ startLedger: paid.ledger, filters: [{ type: 'contract', contractIds: [escrowId] }] });
  const rows = page.events.filter((e) => e.txHash === released.hash).map((e) => toEventRow(parseEvent({ type: e.type, id: e.id, ledger: e.ledger,
    ledgerClosedAt: e.ledgerClosedAt, contractId: e.contractId?.toString() ?? '', txHash: e.txHash, topic: e.topic.map((x) => x.toXDR('base64')),
    value: e.value.toXDR('base64'), inSuccessfulContractCall: e.inSuccessfulContractCall }, names)));
  const releaseEvent = rows.find((r) => r.event === 'PaymentReleased');
  if (!releaseEvent) throw new Error('no PaymentReleased event');
  const feeMinor = Number(BigInt(String(releaseEvent.fields!.fee)) / 100_000n);
  const last = rows[rows.length - 1];
  await t.db.call('record_chain_events', { stream: 'devnet', events: rows, cursor: last.id, last_ledger: last.ledger, latest_ledger: last.ledger });
  await runConsumers(t.db, [loyaltyRebatesConsumer(async () => t.db)], {});
  return { pnr: booking.pnr, chainBookingId: chainId.toString(), passenger, feeMinor, amountMinor: Math.floor(feeMinor * 2500 / 10000) };
}
