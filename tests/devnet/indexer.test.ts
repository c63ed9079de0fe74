import { contract, Keypair, rpc } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CancellationQuote } from '@/lib/bookings/types';
import { indexOnce, type IndexDeps } from '@/lib/indexer/poll';
import { reconcileBookings } from '@/lib/indexer/reconcile';
import { sorobanRpc } from '@/lib/indexer/rpc';
import { quoteFromJson } from '@/lib/payments/soroban/quote-json';
import type { ContractName } from '@/lib/stellar/contract-names';
import type { ChainBookingRow } from '@/lib/stellar/escrow-state';
import { parseEvent, type ChainEvent } from '@/lib/stellar/events';
import type { Json } from '@/lib/stellar/scval-json';
import { contractSpec } from '@/lib/stellar/specs';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';
import { fixtureEvents } from '@/tests/support/rpc-stand-in';

// The chain indexer on real events: genesis deploys and wires the nine contracts through the
// multisig, then bookings are paid into the real escrow, one cancelled and refunded, one flown
// and released by the server signer (the soroban rail's own code). The app's indexer pages
// through the devnet's getEvents in small pages over several runs (the cursor carried in the
// database), and
//   - stores every event of our contracts once, each named by the contract's spec;
//   - decodes each one exactly as it decodes the committed fixtures (contracts/fixtures/events,
//     which tests/db/indexer.test.ts and the reconciliation tests are built on): the same action,
//     the same indexed topics and the same fields with the same types;
//   - and reconciliation finds every booking as the app has it.

const missing = devnetMissing();
if (missing) console.warn(`skipping the indexer on the devnet: ${missing}`);

let t: TestDatabase;
vi.mock('@/lib/db/connect', () => ({ db: async () => t.db }));

let net: Devnet;
let genesisLedger: number;
let rail: typeof import('@/lib/payments/soroban/rail');
let settle: typeof import('@/lib/payments/soroban/settle');

/** A value's shape: the JSON type of each leaf, keys kept (what "decodes the same" means across different data). */
function shape(v: Json): unknown {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.map(shape);
  if (typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape(v[k])]));
  return typeof v;
}

/** What the indexer makes of an event, minus the data itself. */
const decoded = (e: ChainEvent) => ({ contract: e.contract, action: e.action, event: e.event, indexed: e.indexed.map(shape), fields: e.fields && Object.keys(e.fields).sort() });

describe.skipIf(missing !== null)('the indexer on the devnet', () => {
  beforeAll(async () => {
    [net, t] = await Promise.all([startDevnet(), openTestDatabase({ seed: true, scheduleDays: 14 })]);
    genesisLedger = (await net.server.getLatestLedger()).sequence;
    for (const [k, v] of Object.entries(await net.appEnv())) vi.stubEnv(k, v);
    rail = await import('@/lib/payments/soroban/rail');
    settle = await import('@/lib/payments/soroban/settle');
  }, 300_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await net?.stop();
    await t?.close();
  });

  let n = 0;
  /** A held booking paid on chain as the browser pays it, and confirmed by the server. */
  async function paid(from = 'JFK', to = 'LHR') {
    const user = await traveller(t, `Indexed${++n}`);
    const { booking } = await book(t, user, await nonstop(t, from, to));
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
    const hash = (await tx.send()).sendTransactionResponse!.hash;
    await net.server.pollTransaction(hash, { attempts: 40, sleepStrategy: () => 250 });
    expect((await rail.submitChainPayment(user, booking.pnr, hash, payer.publicKey())).booking.status).toBe('paid');
    return { user, booking };
  }

  it('stores every event of the real contracts once, decoded as the fixtures are, and reconciles the bookings', async () => {
    // Three bookings: held in escrow, cancelled and refunded, flown and released.
    const held = await paid();
    const cancelled = await paid();
    const quote = await t.db.call<CancellationQuote>('quote_cancellation', { user_id: cancelled.user, pnr: cancelled.booking.pnr });
    await t.db.call('confirm_cancellation', { user_id: cancelled.user, pnr: cancelled.booking.pnr, quote_id: quote.id });
    const flown = await paid('LHR', 'JFK');
    await t.sql("update traqora.flights set departs_at = now() - interval '10 hours', arrives_at = now() - interval '3 hours' where id = $1", [flown.booking.segments[0].flight_id]);
    await t.db.call('release_flown_bookings', {});
    expect(await settle.settleChainBookings()).toMatchObject({ confirmed: 2, failed: 0 });

    // The indexer, in pages of 7, two pages a run: several runs, the cursor in the database.
    const contracts = new Map(Object.entries(net.manifest.contracts).map(([name, id]) => [id, name as ContractName]));
    const deps: IndexDeps = { db: t.db, stream: 'devnet', rpc: sorobanRpc(net.url), config: { contracts, startLedger: 1, pageLimit: 7, maxPages: 2 } };
    const runs = [await indexOnce(deps)];
    while (!runs.at(-1)!.caughtUp) runs.push(await indexOnce(deps));
    expect(runs.length).toBeGreaterThan(2);

    // Every event of our contracts RPC has, stored once (read here in one page, straight from RPC).
    const all = await net.server.getEvents({ startLedger: 1, filters: [{ type: 'contract', contractIds: [...contracts.keys()] }], limit: 10_000 });
    const onChain = all.events.map((e) => parseEvent({
      type: e.type, id: e.id, ledger: e.ledger, ledgerClosedAt: e.ledgerClosedAt, contractId: e.contractId?.toString() ?? '',
      txHash: e.txHash, topic: e.topic.map((x) => x.toXDR('base64')), value: e.value.toXDR('base64'), inSuccessfulContractCall: e.inSuccessfulContractCall,
    }, contracts));
    const stored = await t.sql<{ id: string; contract: string | null; event: string | null }>("select id, contract, event from traqora.chain_events order by id");
    expect(stored.map((r) => r.id)).toEqual(onChain.map((e) => e.id));
    expect(runs.reduce((s, r) => s + r.inserted, 0)).toBe(onChain.length);
    expect(stored.filter((r) => !r.contract || !r.event)).toEqual([]);
    expect(await indexOnce(deps)).toMatchObject({ inserted: 0, caughtUp: true });

    // Decoded like the committed fixtures: each kind of event the devnet emitted, beside the fixture of the same kind.
    const { events: fixtures, contracts: fixtureIds } = fixtureEvents();
    const fixtureContracts = new Map([...fixtureIds].map(([name, id]) => [id, name as ContractName]));
    const expected = new Map<string, ReturnType<typeof decoded>>();
    for (const f of fixtures) {
      const e = decoded(parseEvent(f, fixtureContracts));
      expected.set(`${e.contract}.${e.event}`, e);
    }
    const kinds = new Map(onChain.map((e) => [`${e.contract}.${e.event}`, e]));
    for (const kind of ['escrow.BookingPaid', 'escrow.CancellationSettled', 'escrow.PaymentReleased', 'receipts.ReceiptMinted', 'receipts.ReceiptStatusChanged']) {
      expect(kinds.has(kind), kind).toBe(true);
    }
    for (const [kind, e] of kinds) {
      const fixture = expected.get(kind);
      // Genesis also emits set-up events the fixtures' scenario never does (roles granted, the
      // governor's settings, TRQ's first mint); every event of the app's own flows has a fixture.
      if (!fixture && e.ledger <= genesisLedger) continue;
      expect({ kind, ...decoded(e) }).toEqual({ kind, ...fixture });
    }

    // Reconciliation on the real events: the escrow's state of each booking beside the app's, all agreeing.
    const report = await reconcileBookings(t.db);
    expect(report.mismatches).toEqual([]);
    const rows = await t.db.call<ChainBookingRow[]>('chain_reconciliation', {});
    expect(Object.fromEntries(rows.map((r) => [r.pnr, [r.chain_state, r.app_status]]))).toEqual({
      [held.booking.pnr]: ['paid', 'paid'],
      [cancelled.booking.pnr]: ['refunded', 'refunded'],
      [flown.booking.pnr]: ['released', 'completed'],
    });
    expect(report).toMatchObject({ checked: 3, consistent: 3 });
  }, 300_000);
});
