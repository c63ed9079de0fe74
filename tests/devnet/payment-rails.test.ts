import { contract, Keypair, rpc } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import type { Booking } from '@/lib/bookings/types';
import type { PaymentRail } from '@/lib/payments/rail';
import { quoteFromJson, type ChainQuoteTerms } from '@/lib/payments/soroban/quote-json';
import { onChainBookingId } from '@/lib/stellar/booking-id';
import { escrow, escrowArgs } from '@/lib/stellar/contracts/escrow';
import { ContractReadError, readContract } from '@/lib/stellar/contracts/read';
import { contractSpec } from '@/lib/stellar/specs';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';
import { describeRailContract, type RailTraveller } from '@/tests/support/payment-rail-contract';

// The soroban rail keeps the payment-rail contract (tests/support/payment-rail-contract.ts, the
// suite the ledger rail passes in tests/db/payment-rails.test.ts) against the real escrow
// contract: the devnet runs its wasm on the real Soroban host. The traveller's client pays as the
// browser does (the server's quote, pay_quoted through contract.Client, signed by a funded
// account holding test USDC); the escrow's money is what the contract's get_booking says it holds.

const missing = devnetMissing();
if (missing) console.warn(`skipping the soroban rail's payment-rail contract on the devnet: ${missing}`);

let t: TestDatabase;
vi.mock('@/lib/db/connect', () => ({ db: async () => t.db }));

let net: Devnet;
let soroban: PaymentRail;
let manage: typeof import('@/lib/bookings/manage');

/** One funded paying account per traveller: XLM from the friendbot, test USDC minted to it. */
const payers = new Map<string, Keypair>();
async function payerOf(viewer: Viewer): Promise<Keypair> {
  const known = payers.get(viewer.id);
  if (known) return known;
  const payer = Keypair.random();
  expect((await net.server.fundAddress(payer.publicKey())).status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);
  await net.mint(payer.publicKey(), 10_000n * 10_000_000n);
  payers.set(viewer.id, payer);
  return payer;
}

const walletTraveller: RailTraveller = {
  async pay(rail, viewer, booking, opts = {}) {
    const payer = await payerOf(viewer);
    const q = await rail.quote(viewer, booking.pnr, { payer: payer.publicKey() });
    const terms = q.terms as ChainQuoteTerms;
    const client = new contract.Client(contractSpec('escrow'), {
      contractId: terms.contract_id, networkPassphrase: terms.network_passphrase, rpcUrl: terms.rpc_url, allowHttp: true, publicKey: payer.publicKey(),
      signTransaction: contract.basicNodeSigner(payer, terms.network_passphrase).signTransaction,
    }) as unknown as { pay_quoted(a: object): Promise<contract.AssembledTransaction<unknown>> };
    const tx = await client.pay_quoted({ quote: quoteFromJson(terms.quote), signature: Buffer.from(terms.signature, 'hex') });
    await tx.sign();
    const signed = tx.signed!;
    const request = { tx_hash: Buffer.from(signed.hash()).toString('hex'), payer: payer.publicKey() };
    const send = async () => {
      expect((await net.server.sendTransaction(signed)).status).toBe('PENDING');
      const landed = await net.server.pollTransaction(request.tx_hash, { attempts: 40, sleepStrategy: () => 250 });
      expect(landed.status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);
    };
    // The browser reports the hash as soon as it has one; RPC does not know the transaction yet.
    if (opts.reportEarly) return { ...(await rail.pay(viewer, booking.pnr, request)), request, send };
    await send();
    return { ...(await rail.pay(viewer, booking.pnr, request)), request };
  },
  async escrowHolds(_viewer, booking: Booking) {
    const target = { rpcUrl: net.url, networkPassphrase: net.manifest.networkPassphrase, contractId: net.manifest.contracts.escrow };
    let held = 0n;
    for (const s of booking.segments) {
      const onChain = await readContract(escrow, target, 'get_booking', escrowArgs.get_booking(onChainBookingId(booking.id, s.seq))).catch((err: unknown) => {
        // Error(Contract, #1): BookingNotFound — nothing was ever paid for this segment
        if (err instanceof ContractReadError && /Error\(Contract, #1\)/.test(err.simulationError)) return null;
        throw err;
      });
      if (onChain && onChain.state === 0) held += onChain.amount as bigint;   // Paid
    }
    return Number(held / 100_000n);   // 7-decimal token units → minor units
  },
};

describe.skipIf(missing !== null)('on the devnet', () => {
  beforeAll(async () => {
    [net, t] = await Promise.all([startDevnet(), openTestDatabase({ seed: true, scheduleDays: 14 })]);
    const m = net.manifest;
    vi.stubEnv('STELLAR_RPC_URL', net.url);
    vi.stubEnv('STELLAR_NETWORK_PASSPHRASE', m.networkPassphrase);
    vi.stubEnv('TRAQORA_CONTRACT_IDS', `escrow=${m.contracts.escrow}`);
    vi.stubEnv('STELLAR_SERVER_SECRET', m.accounts.server.secretSeed);
    vi.stubEnv('STELLAR_QUOTE_SECRET', m.accounts.platform.secretSeed);
    soroban = (await import('@/lib/payments')).railFor('soroban');
    manage = await import('@/lib/bookings/manage');
  }, 300_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await net?.stop();
    await t?.close();
  });

  describeRailContract({ id: 'soroban', db: () => t, rail: () => soroban, traveller: walletTraveller, manage: () => manage, releaseDay: 9 });
});
