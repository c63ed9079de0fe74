import { Keypair, TransactionBuilder } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import type { Proposal } from '@/lib/governance/types';
import type { WalletAdapter } from '@/lib/wallet/adapter';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';
import { holder } from '@/tests/support/governance-fixtures';

// The proposer cancelling an on-chain proposal from their wallet, and a holder delegating their
// on-chain TRQ votes to another account, on the real governor and trq wasm (contracts/devnet):
// the app's own code end to end with real rpc.Server and real signatures. The server believes a
// cancellation only once it has read the transaction from RPC and the governor says Cancelled,
// records it once (audited), and follows a cancellation made outside Traqora when the keeper
// next asks the governor. Delegation moves the votes to the delegate from the next ledger;
// a past checkpoint (a proposal's snapshot) keeps what it was.

const missing = devnetMissing('traqora_governor.wasm');
if (missing) console.warn(`skipping the devnet governance cancel/delegate tests: ${missing}`);

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));

const TRQ = 10_000_000n;
let devnet: Devnet;
let t: TestDatabase;

function keypairWallet(kp: Keypair): WalletAdapter {
  return {
    id: 'freighter', name: 'Test wallet', installUrl: 'https://example.test',
    isAvailable: async () => true,
    getAddress: async () => kp.publicKey(),
    getNetwork: async () => ({ network: 'DEVNET', networkPassphrase: devnet.manifest.networkPassphrase }),
    signTransaction: async (xdr, opts) => {
      const tx = TransactionBuilder.fromXDR(xdr, opts.networkPassphrase);
      tx.sign(kp);
      return { signedTxXdr: tx.toXDR(), signerAddress: kp.publicKey() };
    },
  };
}

const closeLedgers = (n: number) => devnet.closeLedgers(n);

async function untilSeen<T>(report: () => Promise<{ pending: true } | T>): Promise<T> {
  for (let i = 0; i < 40; i++) {
    const r = await report();
    if (!(r && typeof r === 'object' && 'pending' in r)) return r as T;
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error('RPC never saw the transaction');
}

const viewer = (id: string, wallets: string[]): Viewer => ({ id, name: 'Devnet holder', email: null, roles: [], wallets, source: 'wallet' });
const ctxOf = (actor: string) => ({ actor, role: 'traveller' as const, reason: null, ip: null, request_id: 'devnet' });

describe.skipIf(missing !== null)('cancelling and delegating on the devnet governor and trq', () => {
  const trqTarget = () => ({ rpcUrl: devnet.url, networkPassphrase: devnet.manifest.networkPassphrase, contractId: devnet.manifest.contracts.trq });

  /** A funded account holding `amount` TRQ from the treasury, self-delegated unless told otherwise. */
  async function holderKey(amount: bigint, selfDelegate = true): Promise<Keypair> {
    const { invokeContract } = await import('@/lib/stellar/contracts/invoke');
    const { trq } = await import('@/lib/stellar/contracts/trq');
    const kp = Keypair.random();
    const treasury = Keypair.fromSecret(devnet.manifest.accounts['trq-treasury'].secretSeed);
    expect((await fetch(`${devnet.url}/friendbot?addr=${kp.publicKey()}`)).status).toBe(200);
    expect(await invokeContract(trq, trqTarget(), treasury, 'transfer', trq.args.transfer(treasury.publicKey(), kp.publicKey(), amount * TRQ))).toMatchObject({ outcome: 'success' });
    if (selfDelegate) expect(await invokeContract(trq, trqTarget(), kp, 'delegate', trq.args.delegate(kp.publicKey(), kp.publicKey()))).toMatchObject({ outcome: 'success' });
    return kp;
  }

  beforeAll(async () => {
    devnet = await startDevnet();
    // the app's chain settings, as the devnet prints them (read once, by lib/config)
    for (const [k, v] of Object.entries(await devnet.appEnv())) if (k !== 'PAYMENT_RAIL') process.env[k] = v;
    t = await openTestDatabase({ seed: false });
    state.db = t.db;
  }, 300_000);

  afterAll(async () => {
    await devnet?.stop();
    await t?.close();
  });

  it('the proposer cancels a pending proposal from the wallet: read from RPC, confirmed by the governor, recorded once and audited', async () => {
    const { prepareChainProposal, confirmChainProposal } = await import('@/lib/governance/soroban/confirm-propose');
    const { proposeOnChain } = await import('@/lib/governance/soroban/propose-with-wallet');
    const { prepareChainCancel, confirmChainCancel } = await import('@/lib/governance/soroban/confirm-cancel');
    const { cancelOnChain } = await import('@/lib/governance/soroban/cancel-with-wallet');
    const { readGovernorState, advanceOnChain, proposalOnChain } = await import('@/lib/governance/soroban/governor-keeper');
    const { governorChain } = await import('@/lib/governance/soroban/governor-target');
    const { invokeContract } = await import('@/lib/stellar/contracts/invoke');
    const { governor } = await import('@/lib/stellar/contracts/governor');
    const { descriptionHash } = await import('@/lib/stellar/contracts/governor-hash');

    const proposerKey = await holderKey(2_000n);
    const otherKey = Keypair.random();
    await closeLedgers(2);
    const proposer = viewer(await holder(t, 'Cancelling Proposer'), [proposerKey.publicKey(), otherKey.publicKey()]);
    const stranger = viewer(await holder(t, 'Cancel Stranger'), [otherKey.publicKey()]);

    const propose = async (title: string) => {
      const draft = { kind: 'signal' as const, title, body: 'To be withdrawn.', changes: [] };
      const made = await proposeOnChain(keypairWallet(proposerKey),
        (address) => prepareChainProposal(proposer, { ...draft, address }),
        (hash, address) => untilSeen(() => confirmChainProposal(proposer, { ...draft, address, tx_hash: hash })));
      return { made, proposal: made.result as Proposal };
    };
    const { made, proposal } = await propose('Withdrawn from the wallet');
    expect(proposal).toMatchObject({ state: 'pending', rail: 'soroban' });

    // only the proposer, and only from the wallet the governor names as proposer
    await expect(prepareChainCancel(stranger, proposal.id, otherKey.publicKey())).rejects.toMatchObject({ status: 403, errors: [{ field: 'id' }] });
    await expect(prepareChainCancel(proposer, proposal.id, otherKey.publicKey())).rejects.toMatchObject({ status: 403, errors: [{ field: 'address' }] });
    // a report naming another transaction (the propose itself) is refused, nothing recorded
    await expect(confirmChainCancel(proposer, proposal.id, { address: proposerKey.publicKey(), tx_hash: made.txHash }, ctxOf(proposer.id)))
      .rejects.toMatchObject({ status: 422, errors: [{ field: 'tx_hash' }] });

    const steps: string[] = [];
    const cancelled = await cancelOnChain(keypairWallet(proposerKey),
      (operator) => prepareChainCancel(proposer, proposal.id, operator),
      (hash, operator) => untilSeen(() => confirmChainCancel(proposer, proposal.id, { address: operator, tx_hash: hash }, ctxOf(proposer.id))),
      { onProgress: (s) => steps.push(s) });
    expect(steps).toEqual(['connecting', 'building', 'signing', 'submitted', 'confirming', 'confirmed']);
    expect(cancelled.result).toMatchObject({ id: proposal.id, state: 'cancelled', cancelled_at: expect.any(String), chain: { state: 'cancelled' } });
    const chain = governorChain()!;
    expect((await readGovernorState(chain, proposal.chain_proposal_id!)).state).toBe('cancelled');

    // reported again: the same answer, one audit row, one event; the governor refuses a second cancel before anything is signed
    await expect(confirmChainCancel(proposer, proposal.id, { address: proposerKey.publicKey(), tx_hash: cancelled.txHash }, ctxOf(proposer.id)))
      .resolves.toMatchObject({ state: 'cancelled' });
    const audits = await t.sql<{ after: { tx_hash: string } }>("select after from traqora.audit_log where action = 'proposal.cancelled' and resource_id = $1", [String(proposal.id)]);
    expect(audits.map((a) => a.after.tx_hash)).toEqual([cancelled.txHash]);
    const events = await t.sql<{ n: string }>("select count(*) n from traqora.domain_events where type = 'proposal.cancelled' and aggregate_id = $1", [String(proposal.id)]);
    expect(Number(events[0].n)).toBe(1);
    await expect(prepareChainCancel(proposer, proposal.id, proposerKey.publicKey())).rejects.toMatchObject({ status: 409 });

    // once voting is open Traqora no longer offers it; a cancel sent from the wallet elsewhere is followed when the keeper asks
    const { proposal: second } = await propose('Cancelled outside Traqora');
    await closeLedgers(721);
    await expect(prepareChainCancel(proposer, second.id, proposerKey.publicKey())).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/active/) });
    const { calls, description } = proposalOnChain(second, chain.trq);
    const target = { rpcUrl: chain.rpcUrl, networkPassphrase: chain.networkPassphrase, contractId: chain.governor };
    expect(await invokeContract(governor, target, proposerKey, 'cancel', governor.args.cancel(calls, descriptionHash(description), proposerKey.publicKey())))
      .toMatchObject({ outcome: 'success' });
    const followed = await advanceOnChain(second.id, { want: [], actor: null, ctx: {} });
    expect(followed).toMatchObject({ state: 'cancelled', proposal: { state: 'cancelled', cancelled_at: expect.any(String) } });
  }, 300_000);

  it('a holder delegates on-chain votes to another account and back: both accounts\' power follows, a past checkpoint does not', async () => {
    const { chainTrqAccounts } = await import('@/lib/governance/soroban/trq-chain');
    const { delegateOnChain } = await import('@/lib/governance/soroban/delegate-with-wallet');
    const { readContract } = await import('@/lib/stellar/contracts/read');
    const { trq } = await import('@/lib/stellar/contracts/trq');

    const holderKp = await holderKey(3_000n);
    const delegateKp = await holderKey(500n);
    const [h, d] = [holderKp.publicKey(), delegateKp.publicKey()];
    expect(await chainTrqAccounts([h, d])).toMatchObject({ data: [
      { address: h, votes: (3_000n * TRQ).toString(), delegate: h, delegate_votes: null },
      { address: d, votes: (500n * TRQ).toString(), delegate: d, delegate_votes: null },
    ] });
    await closeLedgers(1);
    const before = (await devnet.server._getLatestLedger()).sequence;   // the raw answer, as the keeper reads it
    await closeLedgers(1);

    expect(await delegateOnChain(keypairWallet(holderKp), trqTarget(), d)).toMatchObject({ delegatee: d, txHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await chainTrqAccounts([h, d])).toMatchObject({ data: [
      { address: h, balance: (3_000n * TRQ).toString(), votes: '0', delegate: d, delegate_votes: (3_500n * TRQ).toString() },
      { address: d, balance: (500n * TRQ).toString(), votes: (3_500n * TRQ).toString(), delegate: d },
    ] });
    // a snapshot taken before the delegation keeps the votes it had
    expect(await readContract(trq, trqTarget(), 'get_votes_at_checkpoint', trq.args.get_votes_at_checkpoint(h, before))).toBe(3_000n * TRQ);
    expect(await readContract(trq, trqTarget(), 'get_votes_at_checkpoint', trq.args.get_votes_at_checkpoint(d, before))).toBe(500n * TRQ);

    // changed back: the votes return
    await delegateOnChain(keypairWallet(holderKp), trqTarget());
    expect(await chainTrqAccounts([h, d])).toMatchObject({ data: [
      { address: h, votes: (3_000n * TRQ).toString(), delegate: h, delegate_votes: null },
      { address: d, votes: (500n * TRQ).toString() },
    ] });
  }, 300_000);
});
