import { Keypair, TransactionBuilder } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import type { Proposal } from '@/lib/governance/types';
import type { WalletAdapter } from '@/lib/wallet/adapter';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';
import { holder } from '@/tests/support/governance-fixtures';

// Governance on the real governor wasm (contracts/devnet): the app's own code end to end, with
// real rpc.Server and real signatures. A proposer's wallet (a keypair behind the wallet adapter
// shape) proposes through the browser's proposeOnChain after the server prepared the calls and
// description; the server reads the propose transaction from RPC and records the proposal; a
// voter's cast_vote goes through voteOnChain and the server's confirm; then the app's keeper
// queues it (server key), refuses to execute before the governor's timelock, executes after it,
// and applies the parameter once the governor says Executed. Ledgers are closed on demand
// (POST /devnet/close) to pass the governor's delay, period and timelock (720, 17,280, 8,640).

const missing = devnetMissing('traqora_governor.wasm');
if (missing) console.warn(`skipping the devnet governance tests: ${missing}`);

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));

const TRQ = 10_000_000n;
let devnet: Devnet;
let base = '';
let t: TestDatabase;
let manifest: Devnet['manifest'];

function keypairWallet(kp: Keypair, networkPassphrase?: string): WalletAdapter {
  return {
    id: 'freighter', name: 'Test wallet', installUrl: 'https://example.test',
    isAvailable: async () => true,
    getAddress: async () => kp.publicKey(),
    getNetwork: async () => ({ network: 'DEVNET', networkPassphrase: networkPassphrase ?? manifest.networkPassphrase }),
    signTransaction: async (xdr, opts) => {
      const tx = TransactionBuilder.fromXDR(xdr, opts.networkPassphrase);
      tx.sign(kp);
      return { signedTxXdr: tx.toXDR(), signerAddress: kp.publicKey() };
    },
  };
}

/** Closes n ledgers (the devnet's control endpoint), a few requests in flight at a time. */
const closeLedgers = (n: number) => devnet.closeLedgers(n);

/** Calls `report` until the server has read the transaction (it answers pending until then). */
async function untilSeen<T>(report: () => Promise<{ pending: true } | T>): Promise<T> {
  for (let i = 0; i < 40; i++) {
    const r = await report();
    if (!(r && typeof r === 'object' && 'pending' in r)) return r as T;
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error('RPC never saw the transaction');
}

const viewer = (id: string, wallet: string): Viewer => ({ id, name: 'Devnet holder', email: null, roles: [], wallets: [wallet], source: 'wallet' });

describe.skipIf(missing !== null)('governance on the devnet governor', () => {
  beforeAll(async () => {
    devnet = await startDevnet();
    ({ url: base, manifest } = devnet);
    // the app's chain settings, as the devnet prints them (read once, by lib/config)
    for (const [k, v] of Object.entries(await devnet.appEnv())) if (k !== 'PAYMENT_RAIL') process.env[k] = v;
    t = await openTestDatabase({ seed: false });
    state.db = t.db;
  }, 300_000);

  afterAll(async () => {
    await devnet?.stop();
    await t?.close();
  });

  it('proposes from a wallet, votes on chain, queues, waits out the timelock, executes and applies the fee', async () => {
    const { invokeContract } = await import('@/lib/stellar/contracts/invoke');
    const { trq } = await import('@/lib/stellar/contracts/trq');
    const { prepareChainProposal, confirmChainProposal } = await import('@/lib/governance/soroban/confirm-propose');
    const { proposeOnChain } = await import('@/lib/governance/soroban/propose-with-wallet');
    const { voteOnChain } = await import('@/lib/governance/soroban/vote-with-wallet');
    const { confirmChainVote } = await import('@/lib/governance/soroban/confirm-vote');
    const { advanceOnChain, pressOnChain } = await import('@/lib/governance/soroban/governor-keeper');
    const { delegateOnChain } = await import('@/lib/governance/soroban/delegate-with-wallet');
    const { chainTrqAccounts } = await import('@/lib/governance/soroban/trq-chain');
    const { readContract } = await import('@/lib/stellar/contracts/read');
    const { governor } = await import('@/lib/stellar/contracts/governor');

    const chain = { rpcUrl: base, networkPassphrase: manifest.networkPassphrase };
    const trqTarget = { ...chain, contractId: manifest.contracts.trq };
    const treasury = Keypair.fromSecret(manifest.accounts['trq-treasury'].secretSeed);
    const [proposerKey, voterKey] = [Keypair.random(), Keypair.random()];
    // TRQ from the treasury, each holder delegating to themself (OpenZeppelin counts only delegated votes)
    for (const [kp, amount] of [[proposerKey, 2_000n], [voterKey, 6_000n]] as const) {
      expect((await fetch(`${base}/friendbot?addr=${kp.publicKey()}`)).status).toBe(200);
      expect(await invokeContract(trq, trqTarget, treasury, 'transfer', trq.args.transfer(treasury.publicKey(), kp.publicKey(), amount * TRQ))).toMatchObject({ outcome: 'success' });
    }
    expect(await invokeContract(trq, trqTarget, proposerKey, 'delegate', trq.args.delegate(proposerKey.publicKey(), proposerKey.publicKey()))).toMatchObject({ outcome: 'success' });
    // the voter delegates from the wallet, as the TRQ page's button does; the page reads it back
    expect(await chainTrqAccounts([voterKey.publicKey()])).toMatchObject({ configured: true, data: [{ balance: (6_000n * TRQ).toString(), votes: '0', delegate: null }] });
    await delegateOnChain(keypairWallet(voterKey), { ...trqTarget, contractId: manifest.contracts.trq });
    expect(await chainTrqAccounts([voterKey.publicKey()])).toMatchObject({ data: [{ votes: (6_000n * TRQ).toString(), delegate: voterKey.publicKey() }] });
    await closeLedgers(2);

    const proposer = viewer(await holder(t, 'Devnet Proposer'), proposerKey.publicKey());
    const voter = viewer(await holder(t, 'Devnet Voter'), voterKey.publicKey());
    const feeBefore = Number((await t.sql<{ value: string }>("select value from traqora.governed_parameters where key = 'platform.fee_bps'"))[0].value);
    const draft = { kind: 'parameter' as const, title: 'Fee on chain', body: 'Set by the **governor**.', changes: [{ key: 'platform.fee_bps', value: feeBefore + 15 }] };

    // the proposer's wallet proposes what the server prepared; the server reads it back from RPC
    const steps: string[] = [];
    const made = await proposeOnChain(keypairWallet(proposerKey),
      (address) => prepareChainProposal(proposer, { ...draft, address }),
      (hash, address) => untilSeen(() => confirmChainProposal(proposer, { ...draft, address, tx_hash: hash })),
      { onProgress: (s) => steps.push(s) });
    expect(steps).toEqual(['connecting', 'building', 'signing', 'submitted', 'confirming', 'confirmed']);
    const proposal = made.result as Proposal;
    expect(proposal).toMatchObject({ rail: 'soroban', chain_proposal_id: made.chainProposalId, state: 'pending', title: 'Fee on chain',
      chain: { tx_hash: made.txHash, snapshot_ledger: expect.any(Number), deadline_ledger: expect.any(Number) } });
    // the same transaction again answers the same proposal; another account's report of it is refused
    await expect(confirmChainProposal(proposer, { ...draft, address: proposerKey.publicKey(), tx_hash: made.txHash })).resolves.toMatchObject({ id: proposal.id });
    await expect(confirmChainProposal(voter, { ...draft, address: voterKey.publicKey(), tx_hash: made.txHash })).rejects.toMatchObject({ status: 422 });

    // voting opens after the governor's delay; the voter's wallet casts the vote, the server counts the governor's weight
    await closeLedgers(721);
    const target = { proposal: proposal.id, chainProposalId: made.chainProposalId, contractId: manifest.contracts.governor, networkPassphrase: manifest.networkPassphrase, rpcUrl: base };
    const voteSteps: string[] = [];
    const cast = await voteOnChain(keypairWallet(voterKey), target, { support: 'for', reason: 'On chain' },
      { onProgress: (s) => voteSteps.push(s), confirm: (hash, address) => untilSeen(() => confirmChainVote(voter, proposal.id, { tx_hash: hash, address })) });
    expect(cast.receipt).toMatchObject({ scheme: 'soroban', support: 'for', weight: (6_000n * TRQ).toString(), tx_hash: cast.txHash });
    expect(voteSteps).toEqual(['connecting', 'building', 'signing', 'submitted', 'confirming', 'confirmed']);
    expect(await readContract(governor, { ...chain, contractId: manifest.contracts.governor }, 'has_voted', governor.args.has_voted(made.chainProposalId, voterKey.publicKey()))).toBe(true);
    // the governor refuses, before anything is signed: a second vote, an unknown proposal (its
    // own error codes, in words); a wallet on another network is stopped before building
    await expect(voteOnChain(keypairWallet(voterKey), target, { support: 'against', reason: null }))
      .rejects.toMatchObject({ step: 'building', message: 'This account has already voted on this proposal.' });
    await expect(voteOnChain(keypairWallet(voterKey), { ...target, chainProposalId: '00'.repeat(32) }, { support: 'for', reason: null }))
      .rejects.toMatchObject({ step: 'building', message: 'The governor does not know this proposal.' });
    await expect(voteOnChain(keypairWallet(voterKey, 'Public Global Stellar Network ; September 2015'), target, { support: 'for', reason: null }))
      .rejects.toMatchObject({ step: 'connecting', message: /switch it to the network/ });

    // not over yet: the keeper has nothing to send
    expect(await advanceOnChain(proposal.id, { want: ['queue', 'execute'], actor: null, ctx: {} })).toMatchObject({ state: 'active', sent: null, applied: false });
    await closeLedgers(17_281);
    const queued = await advanceOnChain(proposal.id, { want: ['queue', 'execute'], actor: null, ctx: {} });
    expect(queued).toMatchObject({ state: 'queued', sent: { call: 'queue', outcome: 'success' }, applied: false, proposal: { state: 'queued', chain: { eta_ledger: expect.any(Number) } } });

    // the timelock cannot be skipped: nothing to send, and the button is refused
    expect(await advanceOnChain(proposal.id, { want: ['execute'], actor: null, ctx: {} })).toMatchObject({ state: 'queued', sent: null });
    const ctx = { actor: voter.id, role: 'traveller' as const, reason: null, ip: null, request_id: 'devnet' };
    await expect(pressOnChain(proposal.id, 'execute', voter.id, ctx)).rejects.toMatchObject({ status: 409 });
    expect(Number((await t.sql<{ value: string }>("select value from traqora.governed_parameters where key = 'platform.fee_bps'"))[0].value)).toBe(feeBefore);

    await closeLedgers(8_641);
    const executed = await pressOnChain(proposal.id, 'execute', voter.id, ctx);
    expect(executed).toMatchObject({ state: 'executed' });
    expect(Number((await t.sql<{ value: string }>("select value from traqora.governed_parameters where key = 'platform.fee_bps'"))[0].value)).toBe(feeBefore + 15);
    // once only: the governor says Executed again, nothing changes twice
    expect(await advanceOnChain(proposal.id, { want: ['queue', 'execute'], actor: null, ctx: {} })).toMatchObject({ state: 'executed', sent: null, applied: false });
    const audits = await t.sql<{ n: string }>("select count(*) n from traqora.audit_log where action = 'proposal.executed' and resource_id = $1", [String(proposal.id)]);
    expect(Number(audits[0].n)).toBe(1);
  }, 600_000);
});
