import { contract, Keypair, nativeToScVal, rpc, TransactionBuilder, xdr } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import type { Booking } from '@/lib/bookings/types';
import type { Dispute } from '@/lib/disputes/types';
import type { SaltStore } from '@/lib/disputes/chain/wallet';
import { chainDisputesConsumer } from '@/lib/events/consumers/chain-disputes';
import { runConsumers } from '@/lib/events/runner';
import { indexOnce } from '@/lib/indexer/poll';
import { sorobanRpc } from '@/lib/indexer/rpc';
import { quoteFromJson } from '@/lib/payments/soroban/quote-json';
import type { ContractName } from '@/lib/stellar/contract-names';
import { disputes } from '@/lib/stellar/contracts/disputes';
import { escrow, escrowArgs } from '@/lib/stellar/contracts/escrow';
import { invokeContract, type InvokeTarget } from '@/lib/stellar/contracts/invoke';
import { adminAction, multisig } from '@/lib/stellar/contracts/multisig';
import { readContract } from '@/lib/stellar/contracts/read';
import { trq } from '@/lib/stellar/contracts/trq';
import { contractSpec } from '@/lib/stellar/specs';
import type { WalletAdapter } from '@/lib/wallet/adapter';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';

// The on-chain jury on the real Soroban host (contracts/devnet, the contracts' wasm): a traveller
// who paid into the escrow files with the `disputes` contract from their wallet (the server checks
// the signed transaction before it sends it and records the dispute from RPC); three TRQ holders
// commit and reveal from their wallets with the app's commitment helper; the indexer stores the
// contract's events and the chain-disputes consumer applies them to the app's record; the keeper
// tallies after the reveal window and executes after the appeal window with the server signer;
// the escrow pays the winner (balances on the real token) and the app dispute is resolved with the
// booking settled, nothing left for the settle job. The losing party appeals from their wallet
// (a larger stake) and majority jurors claim their share of the round's pot (their balances rise
// on the real token); the server judges each signed call before it sends it. A bad transaction
// is refused before it is sent; an RPC error while the keeper waits for its execute never leads
// to a second send.
//
// The devnet's ledgers close on wall-clock time and genesis gives the contract day-long windows,
// so the multisig first shortens them (set_params, as an admin would through the console).

const missing = devnetMissing('traqora_disputes.wasm');
if (missing) console.warn(`skipping the on-chain dispute devnet tests: ${missing}`);

let t: TestDatabase;
vi.mock('@/lib/db/connect', () => ({ db: async () => t.db }));

const UNIT = 100_000n;          // token base units per cent (7 decimals against 2)
const USDC = 10_000_000n;
const TRQ = 10_000_000n;
const WINDOW = { commit: 15, reveal: 10, appeal: 12 };
let net: Devnet;
let rail: typeof import('@/lib/payments/soroban/rail');
let settle: typeof import('@/lib/payments/soroban/settle');
let file: typeof import('@/lib/disputes/chain/file');
let wallet: typeof import('@/lib/disputes/chain/wallet');
let keeper: typeof import('@/lib/disputes/chain/keeper');
let desk: typeof import('@/lib/disputes/desk');
let appeal: typeof import('@/lib/disputes/chain/appeal');
let claim: typeof import('@/lib/disputes/chain/claim');
let cases: typeof import('@/lib/disputes/chain/cases');
const jurors = [Keypair.random(), Keypair.random(), Keypair.random()];

function keypairWallet(kp: Keypair): WalletAdapter {
  return {
    id: 'freighter', name: 'Test wallet', installUrl: 'https://example.test',
    isAvailable: async () => true,
    getAddress: async () => kp.publicKey(),
    getNetwork: async () => ({ network: 'DEVNET', networkPassphrase: net.manifest.networkPassphrase }),
    signTransaction: async (envelope, opts) => {
      const tx = TransactionBuilder.fromXDR(envelope, opts.networkPassphrase);
      tx.sign(kp);
      return { signedTxXdr: tx.toXDR(), signerAddress: kp.publicKey() };
    },
  };
}

function memoryStore(): SaltStore {
  const m = new Map<string, string>();
  return { get: (k) => m.get(k) ?? null, set: (k, v) => { m.set(k, v); }, remove: (k) => { m.delete(k); } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits until the chain's clock (wall-clock ledger close times) has passed `unixSeconds`. */
async function until(unixSeconds: number | string) {
  while (Date.now() / 1000 <= Number(unixSeconds) + 1) await sleep(250);
  await sleep(600);   // a ledger closed after it
}

describe.skipIf(missing !== null)('the on-chain jury (disputes contract) on the real host', () => {
  const target = (): InvokeTarget => ({ rpcUrl: net.url, networkPassphrase: net.manifest.networkPassphrase, contractId: net.manifest.contracts.disputes });
  const escrowTarget = () => ({ ...target(), contractId: net.manifest.contracts.escrow });
  const server = () => Keypair.fromSecret(net.manifest.accounts.server.secretSeed);
  const keeperDeps = () => ({ database: t.db, target: target(), signer: server(), waitMs: 15_000 });
  let fromLedger = 1;

  beforeAll(async () => {
    [net, t] = await Promise.all([startDevnet(), openTestDatabase({ seed: true, scheduleDays: 14 })]);
    const m = net.manifest;
    vi.stubEnv('PAYMENT_RAIL', 'soroban');
    vi.stubEnv('STELLAR_RPC_URL', net.url);
    vi.stubEnv('STELLAR_NETWORK_PASSPHRASE', m.networkPassphrase);
    vi.stubEnv('TRAQORA_CONTRACT_IDS', `escrow=${m.contracts.escrow},disputes=${m.contracts.disputes}`);
    vi.stubEnv('STELLAR_SERVER_SECRET', m.accounts.server.secretSeed);
    vi.stubEnv('STELLAR_QUOTE_SECRET', m.accounts.platform.secretSeed);
    rail = await import('@/lib/payments/soroban/rail');
    settle = await import('@/lib/payments/soroban/settle');
    file = await import('@/lib/disputes/chain/file');
    wallet = await import('@/lib/disputes/chain/wallet');
    keeper = await import('@/lib/disputes/chain/keeper');
    desk = await import('@/lib/disputes/desk');
    appeal = await import('@/lib/disputes/chain/appeal');
    claim = await import('@/lib/disputes/chain/claim');
    cases = await import('@/lib/disputes/chain/cases');

    // the multisig shortens the contract's windows (stakes as genesis set them)
    const key = (n: string) => Keypair.fromSecret(m.accounts[n].secretSeed);
    const ms = { ...target(), contractId: m.contracts.multisig };
    const params = [nativeToScVal(25n * USDC, { type: 'i128' }), nativeToScVal(2, { type: 'u32' }), nativeToScVal(1_000, { type: 'u32' }),
      nativeToScVal(100n * TRQ, { type: 'u128' }), nativeToScVal(WINDOW.commit, { type: 'u64' }), nativeToScVal(WINDOW.reveal, { type: 'u64' }),
      nativeToScVal(WINDOW.appeal, { type: 'u64' })];
    const proposed = await invokeContract(multisig, ms, key('signer-1'), 'propose_admin_action',
      multisig.args.propose_admin_action(key('signer-1').publicKey(), adminAction.invoke(m.contracts.disputes, 'set_params', params)), { pollMs: 250 });
    expect(proposed.outcome).toBe('success');
    const id = (proposed as { result: bigint }).result;
    expect(await invokeContract(multisig, ms, key('signer-2'), 'approve_admin_action', multisig.args.approve_admin_action(key('signer-2').publicKey(), id), { pollMs: 250 })).toMatchObject({ outcome: 'success' });
    expect(await invokeContract(multisig, ms, key('signer-3'), 'execute_admin_action', multisig.args.execute_admin_action(key('signer-3').publicKey(), id), { pollMs: 250 })).toMatchObject({ outcome: 'success' });
    expect(await readContract(disputes, target(), 'get_config', disputes.args.get_config())).toMatchObject({ commit_period: BigInt(WINDOW.commit), appeal_window: BigInt(WINDOW.appeal) });

    // three TRQ holders with checkpointed votes (delegated to themselves) before any filing
    const treasury = key('trq-treasury');
    const trqTarget = { ...target(), contractId: m.contracts.trq };
    for (const [i, j] of jurors.entries()) {
      expect((await net.server.fundAddress(j.publicKey())).status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);
      expect(await invokeContract(trq, trqTarget, treasury, 'transfer', trq.args.transfer(treasury.publicKey(), j.publicKey(), BigInt(1_000 + 500 * i) * TRQ), { pollMs: 250 })).toMatchObject({ outcome: 'success' });
      expect(await invokeContract(trq, trqTarget, j, 'delegate', trq.args.delegate(j.publicKey(), j.publicKey()), { pollMs: 250 })).toMatchObject({ outcome: 'success' });
    }
    fromLedger = (await net.server.getLatestLedger()).sequence;
  }, 300_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    await net?.stop();
    await t?.close();
  });

  const escrowBooking = (id: string) => readContract(escrow, escrowTarget(), 'get_booking', escrowArgs.get_booking(BigInt(id)));

  let n = 0;
  /** A traveller's one-flight booking paid from their own wallet into the real escrow, confirmed from RPC. */
  async function paidOnChain(): Promise<{ viewer: Viewer; booking: Booking; payer: Keypair; chainId: string }> {
    const user = await traveller(t, `Chain juror case ${++n}`);
    const { booking } = await book(t, user, await nonstop(t, 'JFK', 'LAX'), { family: 'basic' });
    const [seg] = await t.sql<{ airline: string }>('select airline from traqora.booking_segments where booking_id = $1', [booking.id]);
    await t.db.call('set_airline_payout_account', { airline: seg.airline, address: net.manifest.accounts.airline.publicKey });
    const payer = Keypair.random();
    expect((await net.server.fundAddress(payer.publicKey())).status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);
    await net.mint(payer.publicKey(), 10_000n * USDC);
    const q = await rail.quoteChainPayment(user, booking.pnr, payer.publicKey());
    const client = new contract.Client(contractSpec('escrow'), {
      contractId: q.contract_id, networkPassphrase: q.network_passphrase, rpcUrl: q.rpc_url, allowHttp: true, publicKey: payer.publicKey(),
      signTransaction: contract.basicNodeSigner(payer, q.network_passphrase).signTransaction,
    }) as unknown as { pay_quoted(a: object): Promise<contract.AssembledTransaction<unknown>> };
    const tx = await client.pay_quoted({ quote: quoteFromJson(q.quote), signature: Buffer.from(q.signature, 'hex') });
    await tx.sign();
    const hash = (await tx.send()).sendTransactionResponse!.hash;
    await net.server.pollTransaction(hash, { attempts: 40, sleepStrategy: () => 250 });
    const { booking: paid } = await rail.submitChainPayment(user, booking.pnr, hash, payer.publicKey());
    expect(paid).toMatchObject({ status: 'paid', payment_rail: 'soroban' });
    const viewer: Viewer = { id: user, name: 'Chain traveller', email: null, roles: [{ role: 'traveller', airline: null }], wallets: [payer.publicKey()], source: 'wallet' };
    return { viewer, booking: paid, payer, chainId: q.quote.items[0].booking_id };
  }

  /** The indexer's run over the devnet, then the chain-disputes consumer over what it stored. */
  async function indexAndApply() {
    const contracts = new Map<string, ContractName>([[net.manifest.contracts.disputes, 'disputes'], [net.manifest.contracts.escrow, 'escrow']]);
    await indexOnce({ db: t.db, rpc: sorobanRpc(net.url), config: { contracts, startLedger: fromLedger, pageLimit: 100, maxPages: 20 }, stream: 'devnet' });
    await runConsumers(t.db, [chainDisputesConsumer(async () => t.db)], {});
  }

  const fileFromWallet = (c: { viewer: Viewer; booking: Booking; payer: Keypair; chainId: string }) =>
    wallet.fileOnChain(keypairWallet(c.payer), target(), { pnr: c.booking.pnr, reason: 'The flight was cancelled and the airline kept the fare.', chainBookingId: c.chainId },
      { submit: (body) => file.fileChainDispute(c.viewer, body) }) as Promise<Dispute & { jury: string; chain: Record<string, unknown> }>;

  it('files from the wallet; three jurors commit and reveal; the keeper tallies and executes; the escrow refunds the traveller', async () => {
    const c = await paidOnChain();
    const held = BigInt(c.booking.price.total_minor) * UNIT;
    const before = { payer: await net.balance(c.payer.publicKey()), escrow: await net.balance(net.manifest.contracts.escrow), airline: await net.balance(net.manifest.accounts.airline.publicKey) };

    const d = await fileFromWallet(c);
    expect(d).toMatchObject({ status: 'escalated', jury: 'chain', pnr: c.booking.pnr, held_minor: c.booking.price.total_minor,
      chain: { status: 'voting', round: 1, claim: 'refund', filer: c.payer.publicKey(), chain_booking_id: c.chainId, stake: (25n * USDC).toString() } });
    expect(await escrowBooking(c.chainId)).toMatchObject({ state: 2 });   // Disputed: frozen by the contract
    expect(await net.balance(c.payer.publicKey())).toBe(before.payer - 25n * USDC);
    const chainId = String(d.chain.chain_dispute_id);
    // the app's own release job leaves it alone while it is in progress
    expect((await t.sql<{ frozen: boolean }>('select traqora.booking_frozen($1) as frozen', [c.booking.id]))[0].frozen).toBe(true);

    // jurors commit from their wallets: two for a refund, one for a release; salts kept in "browser storage"
    const stores = jurors.map(() => memoryStore());
    const votes = [1, 1, 2] as const;
    for (const [i, j] of jurors.entries()) {
      const { saved } = await wallet.commitOnChain(keypairWallet(j), target(), { chainDisputeId: chainId, round: 1, vote: votes[i] }, { store: stores[i] });
      expect(wallet.savedVote(stores[i], target().contractId, chainId, 1, j.publicKey())).toEqual(saved);
    }
    // the keeper has nothing to do while the windows are open
    expect(await keeper.runChainDisputeKeeper(keeperDeps())).toMatchObject({ tallied: 0, executed: 0 });
    await until(d.chain.commit_end ? Date.parse(String(d.chain.commit_end)) / 1000 : 0);
    for (const [i, j] of jurors.entries()) {
      expect(await wallet.revealOnChain(keypairWallet(j), target(), { chainDisputeId: chainId, round: 1 }, { store: stores[i] })).toMatchObject({ vote: votes[i] });
    }

    await indexAndApply();
    let shown = await desk.getDispute(c.viewer.id, d.id, false) as Dispute & { chain: Record<string, unknown> };
    const weights = [1_000n, 1_500n, 2_000n].map((w) => w * TRQ);
    expect(shown.chain).toMatchObject({ status: 'voting', committed: 3, revealed: 3, refund_weight: (weights[0] + weights[1]).toString(), release_weight: weights[2].toString() });
    expect((shown.chain.events as { action: string }[]).map((e) => e.action)).toEqual(['filed', 'evidence', 'committed', 'committed', 'committed', 'revealed', 'revealed', 'revealed']);

    // after the reveal window the keeper tallies; after the appeal window it executes
    await until(Date.parse(String(shown.chain.reveal_end)) / 1000);
    expect(await keeper.runChainDisputeKeeper(keeperDeps())).toMatchObject({ tallied: 1, executed: 0, failed: 0 });
    shown = await desk.getDispute(c.viewer.id, d.id, false) as typeof shown;
    expect(shown.chain).toMatchObject({ status: 'decided', verdict: 'refund', transactions: { tally: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    await until(Date.parse(String(shown.chain.appeal_deadline)) / 1000);
    expect(await keeper.runChainDisputeKeeper(keeperDeps())).toMatchObject({ tallied: 0, executed: 1, failed: 0 });

    shown = await desk.getDispute(c.viewer.id, d.id, false) as typeof shown;
    expect(shown).toMatchObject({ status: 'resolved', booking_status: 'refunded', resolution: { source: 'jury', refund_minor: c.booking.price.total_minor, airline_minor: 0, fee_minor: 0 },
      chain: { status: 'executed', verdict: 'refund', transactions: { execute: expect.stringMatching(/^[0-9a-f]{64}$/) } } });
    const executeTx = (shown.chain.transactions as { execute: string }).execute;
    // the escrow paid the passenger the whole amount; the right staker got the stake back less the jury's 10 %
    expect(await escrowBooking(c.chainId)).toMatchObject({ state: 4 });   // Refunded
    expect(await net.balance(c.payer.publicKey()) - before.payer).toBe(held - 25n * USDC / 10n);
    expect(before.escrow - await net.balance(net.manifest.contracts.escrow)).toBe(held);
    expect(await net.balance(net.manifest.accounts.airline.publicKey)).toBe(before.airline);
    // the app's escrow settlement is the contract's transaction: nothing for the settle job to send
    expect(shown.chain_settlements).toEqual([expect.objectContaining({ status: 'confirmed', tx_hash: executeTx })]);
    expect(await settle.settleChainBookings()).toEqual({ confirmed: 0, failed: 0, pending: 0 });

    // the indexed decided/executed events agree, applied once; the domain events and audit rows tell the story
    await indexAndApply();
    await indexAndApply();
    shown = await desk.getDispute(c.viewer.id, d.id, false) as typeof shown;
    expect((shown.chain.events as { action: string; tx_hash: string }[]).slice(-2)).toEqual([
      expect.objectContaining({ action: 'decided' }), expect.objectContaining({ action: 'executed', tx_hash: executeTx })]);
    const events = await t.sql<{ type: string }>("select type from traqora.domain_events where aggregate_type = 'dispute' and aggregate_id = $1 order by id", [d.id]);
    expect(events.map((e) => e.type)).toEqual(['dispute.chain_filed', 'dispute.chain_evidence', 'dispute.chain_committed', 'dispute.chain_committed', 'dispute.chain_committed',
      'dispute.chain_revealed', 'dispute.chain_revealed', 'dispute.chain_revealed', 'dispute.resolved', 'dispute.chain_decided', 'dispute.chain_executed']);
    const audits = await t.sql<{ action: string }>("select action from traqora.audit_log where resource_type = 'dispute' and resource_id = $1 order by id", [d.id]);
    expect(audits.map((a) => a.action)).toEqual(['dispute.chain_filed', 'dispute.chain_tally_sent', 'dispute.chain_tally_confirmed', 'dispute.chain_execute_sent',
      'dispute.chain_execute_confirmed', 'dispute.resolved', 'dispute.settled_on_chain']);
  }, 240_000);

  it('the losing traveller appeals from their wallet; majority jurors claim their share; refusals are judged before send', async () => {
    const c = await paidOnChain();
    const d = await fileFromWallet(c);
    const chainId = String(d.chain.chain_dispute_id);
    const jurorViewer = (i: number): Viewer => ({ id: c.viewer.id, name: `Juror ${i}`, email: null, roles: [{ role: 'traveller', airline: null }], wallets: [jurors[i].publicKey()], source: 'wallet' });
    const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('accepted'); }, (e: { status: number; errors?: { field: string; message: string }[]; message: string }) => ({ status: e.status, field: e.errors?.[0]?.field, message: e.errors?.[0]?.message ?? e.message }));
    /** A signed call built by hand (not simulated): the server must refuse it before it would reach the network. */
    const rawCall = async (signer: Keypair, fn: 'appeal' | 'claim_reward', args: Record<string, xdr.ScVal>) => {
      const op = await disputes.operation(target().contractId, fn, args as never);
      const tx = new TransactionBuilder(await net.server.getAccount(signer.publicKey()), { fee: '100', networkPassphrase: net.manifest.networkPassphrase }).addOperation(op).setTimeout(60).build();
      tx.sign(signer);
      return tx.toXDR();
    };

    // round 1: the two lighter jurors (2 500 TRQ) side with the airline, the heaviest (2 000) with the traveller
    const stores = jurors.map(() => memoryStore());
    const votes = [2, 2, 1] as const;
    for (const [i, j] of jurors.entries()) await wallet.commitOnChain(keypairWallet(j), target(), { chainDisputeId: chainId, round: 1, vote: votes[i] }, { store: stores[i] });
    await until(Date.parse(String(d.chain.commit_end)) / 1000);
    for (const [i, j] of jurors.entries()) await wallet.revealOnChain(keypairWallet(j), target(), { chainDisputeId: chainId, round: 1 }, { store: stores[i] });
    await until(Date.parse(String(d.chain.reveal_end)) / 1000);
    expect(await keeper.runChainDisputeKeeper(keeperDeps())).toMatchObject({ tallied: 1, executed: 0 });

    // the terms the trip page shows: the appeal stake (25 × 2) and the window
    const terms = await appeal.chainAppealTerms(c.viewer, d.id);
    expect(terms).toMatchObject({ chain_dispute_id: chainId, appeal_stake: (50n * USDC).toString(), open: true, appeal_deadline: expect.any(String) });

    // refusals judged before anything is sent
    const sends = vi.spyOn(rpc.Server.prototype, 'sendTransaction');
    sends.mockClear();
    let signedAppeal = '';
    await wallet.appealOnChain(keypairWallet(c.payer), target(), { disputeId: d.id, chainDisputeId: chainId }, { submit: async (b) => { signedAppeal = b.signed_xdr; } });
    expect(await refusal(appeal.appealChainDispute({ ...c.viewer, wallets: [jurors[0].publicKey()] }, { id: d.id, signed_xdr: signedAppeal })))
      .toMatchObject({ status: 422, field: 'signed_xdr', message: expect.stringContaining('not linked to you') });
    const otherDispute = await rawCall(c.payer, 'appeal', disputes.args.appeal(c.payer.publicKey(), BigInt(chainId) + 1000n) as never);
    expect(await refusal(appeal.appealChainDispute(c.viewer, { id: d.id, signed_xdr: otherDispute })))
      .toMatchObject({ status: 422, field: 'signed_xdr', message: expect.stringContaining('another dispute') });
    const claimAsAppeal = await rawCall(c.payer, 'claim_reward', disputes.args.claim_reward(c.payer.publicKey(), BigInt(chainId), 1) as never);
    expect(await refusal(appeal.appealChainDispute(c.viewer, { id: d.id, signed_xdr: claimAsAppeal })))
      .toMatchObject({ status: 422, field: 'signed_xdr', message: expect.stringContaining('not an appeal call') });
    // the winning side: the contract refuses it at simulation, in the wallet, before anything is signed
    const airline = Keypair.fromSecret(net.manifest.accounts.airline.secretSeed);
    await expect(wallet.appealOnChain(keypairWallet(airline), target(), { disputeId: d.id, chainDisputeId: chainId }, { submit: async () => { throw new Error('not reached'); } }))
      .rejects.toMatchObject({ message: 'Only the side that lost the round may appeal.' });
    expect(sends).not.toHaveBeenCalled();
    sends.mockRestore();

    // the traveller appeals from their wallet: the contract takes the larger stake, round 2 opens
    const before = await net.balance(c.payer.publicKey());
    const appealed = await wallet.appealOnChain(keypairWallet(c.payer), target(), { disputeId: d.id, chainDisputeId: chainId },
      { submit: (b) => appeal.appealChainDispute(c.viewer, b) }) as Dispute & { chain: Record<string, unknown> };
    expect(appealed).toMatchObject({ status: 'escalated', chain: { status: 'voting', round: 2, claim: 'refund', stake: (50n * USDC).toString() } });
    expect(await net.balance(c.payer.publicKey())).toBe(before - 50n * USDC);
    expect(await readContract(disputes, target(), 'get_dispute', disputes.args.get_dispute(BigInt(chainId)))).toMatchObject({ round: 2, round_stake: 50n * USDC });

    // round 1's pot is the traveller's whole filing stake (they were wrong); the majority shares it by weight
    const pot = 25n * USDC;
    const shares = [pot * 1_000n / 2_500n, pot * 1_500n / 2_500n];
    // a juror whose account does not trust the stake token cannot be paid: the wallet says so at simulation
    await expect(wallet.claimOnChain(keypairWallet(jurors[0]), target(), { chainDisputeId: chainId, round: 1 }, { submit: async () => { throw new Error('not reached'); } }))
      .rejects.toMatchObject({ message: expect.stringContaining('The stake token cannot pay this account') });
    for (const j of jurors) await net.mint(j.publicKey(), 1n);   // opens the trustline

    // a claim for another juror's account, or for another round than the one named: refused before send
    const sendsAgain = vi.spyOn(rpc.Server.prototype, 'sendTransaction');
    sendsAgain.mockClear();
    let signedClaim = '';
    await wallet.claimOnChain(keypairWallet(jurors[1]), target(), { chainDisputeId: chainId, round: 1 }, { submit: async (b) => { signedClaim = b.signed_xdr; } });
    expect(await refusal(claim.claimChainReward(jurorViewer(0), { chain_dispute_id: chainId, round: 1, signed_xdr: signedClaim })))
      .toMatchObject({ status: 422, field: 'signed_xdr', message: expect.stringContaining('not linked to you') });
    expect(await refusal(claim.claimChainReward(jurorViewer(1), { chain_dispute_id: chainId, round: 2, signed_xdr: signedClaim })))
      .toMatchObject({ status: 422, field: 'signed_xdr', message: expect.stringContaining('another round') });
    // the minority juror has nothing to claim: refused by the contract's simulation in the wallet
    await expect(wallet.claimOnChain(keypairWallet(jurors[2]), target(), { chainDisputeId: chainId, round: 1 }, { submit: async () => { throw new Error('not reached'); } }))
      .rejects.toMatchObject({ message: expect.stringContaining('no reward in this round') });
    expect(sendsAgain).not.toHaveBeenCalled();
    sendsAgain.mockRestore();

    // the cases list offers each majority juror their share, read from the contract's round result
    await indexAndApply();
    const listed = async (i: number) => (await cases.chainJuryCases(jurorViewer(i))).data.find((k) => k.dispute_id === d.id)!;
    expect((await listed(0)).rewards).toEqual([{ round: 1, juror: jurors[0].publicKey(), amount: shares[0].toString(), claimed: null }]);
    expect((await listed(2)).rewards).toEqual([]);

    // juror 0 claims from their wallet: the server judges, sends, confirms; the token balance rises by the share
    const jurorBefore = await net.balance(jurors[0].publicKey());
    const claimed = await wallet.claimOnChain(keypairWallet(jurors[0]), target(), { chainDisputeId: chainId, round: 1 },
      { submit: (b) => claim.claimChainReward(jurorViewer(0), b) }) as { amount: string; tx_hash: string };
    expect(claimed).toMatchObject({ amount: shares[0].toString(), juror: jurors[0].publicKey(), round: 1, tx_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await net.balance(jurors[0].publicKey()) - jurorBefore).toBe(shares[0]);
    // a second claim: the contract refuses it (already claimed)
    await expect(wallet.claimOnChain(keypairWallet(jurors[0]), target(), { chainDisputeId: chainId, round: 1 }, { submit: async () => { throw new Error('not reached'); } }))
      .rejects.toMatchObject({ message: 'This reward is already claimed.' });
    // indexed: the reward shows as claimed with its transaction; the appeal and the claim are in the story
    await indexAndApply();
    expect((await listed(0)).rewards).toEqual([{ round: 1, juror: jurors[0].publicKey(), amount: shares[0].toString(), claimed: { tx_hash: claimed.tx_hash } }]);
    const shown = await desk.getDispute(c.viewer.id, d.id, false) as Dispute & { chain: { events: { action: string; round: number; account: string }[] } };
    expect(shown.chain.events.filter((e) => e.action === 'appealed' || e.action === 'reward_claimed')).toEqual([
      expect.objectContaining({ action: 'appealed', round: 2, account: c.payer.publicKey() }),
      expect.objectContaining({ action: 'reward_claimed', round: 1, account: jurors[0].publicKey() })]);

    // round 2 passes in silence (against the appellant): the keeper tallies it and executes at once (no second appeal)
    await until(Number((await readContract(disputes, target(), 'get_dispute', disputes.args.get_dispute(BigInt(chainId)))).reveal_end));
    expect(await keeper.runChainDisputeKeeper(keeperDeps())).toMatchObject({ tallied: 1, executed: 0 });
    expect(await keeper.runChainDisputeKeeper(keeperDeps())).toMatchObject({ executed: 1 });
    expect(await desk.getDispute(c.viewer.id, d.id, false)).toMatchObject({ status: 'resolved', chain: { status: 'executed', round: 2, verdict: 'release' } });
    expect(await escrowBooking(c.chainId)).toMatchObject({ state: 3 });   // Released
  }, 300_000);

  it('refuses a bad filing before it is sent, naming the field', async () => {
    const a = await paidOnChain();
    const b = await paidOnChain();
    const sends = vi.spyOn(rpc.Server.prototype, 'sendTransaction');
    sends.mockClear();
    onTestFinished(() => sends.mockRestore());
    const signedFiling = async (signer: Keypair, chainId: string) => {
      let signed = '';
      await wallet.fileOnChain(keypairWallet(signer), target(), { pnr: a.booking.pnr, reason: 'A filing the server must refuse.', chainBookingId: chainId },
        { submit: async (body) => { signed = body.signed_xdr; } });
      return signed;
    };
    const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('accepted'); }, (e: { status: number; errors: { field: string; message: string }[] }) => ({ status: e.status, field: e.errors?.[0]?.field, message: e.errors?.[0]?.message }));
    const input = (signed_xdr: string) => ({ pnr: a.booking.pnr, reason: 'A filing the server must refuse.', signed_xdr });

    // another booking than the one named
    expect(await refusal(file.fileChainDispute(a.viewer, input(await signedFiling(b.payer, b.chainId))))).toMatchObject({ status: 422, field: 'signed_xdr', message: expect.stringContaining('another booking') });
    // an account that is not the caller's (a filing the contract would take, from a wallet not linked to this viewer)
    expect(await refusal(file.fileChainDispute({ ...a.viewer, wallets: [b.payer.publicKey()] }, input(await signedFiling(a.payer, a.chainId))))).toMatchObject({ status: 422, field: 'signed_xdr', message: expect.stringContaining('not linked to you') });
    // another function of the contract
    const other = await disputes.operation(target().contractId, 'tally_votes', disputes.args.tally_votes(1n));
    const tx = new TransactionBuilder(await net.server.getAccount(a.payer.publicKey()), { fee: '100', networkPassphrase: net.manifest.networkPassphrase }).addOperation(other).setTimeout(60).build();
    tx.sign(a.payer);
    expect(await refusal(file.fileChainDispute(a.viewer, input(tx.toXDR())))).toMatchObject({ status: 422, field: 'signed_xdr', message: expect.stringContaining('not a file_dispute call') });
    // not a transaction at all
    expect(await refusal(file.fileChainDispute(a.viewer, input(xdr.ScVal.scvU32(7).toXDR('base64'))))).toMatchObject({ status: 422, field: 'signed_xdr' });
    // a booking of someone else's
    expect(await refusal(file.fileChainDispute({ ...a.viewer, id: b.viewer.id }, input(await signedFiling(a.payer, a.chainId))))).toMatchObject({ status: 404 });

    expect(sends).not.toHaveBeenCalled();
    expect(await readContract(disputes, target(), 'dispute_of_booking', disputes.args.dispute_of_booking(BigInt(a.chainId)))).toBeNull();
    expect(await escrowBooking(a.chainId)).toMatchObject({ state: 0 });   // still Paid
  }, 120_000);

  it('an RPC error while the keeper waits for its execute_verdict: the next run reads the hash and sends nothing again', async () => {
    const c = await paidOnChain();
    const airlineBefore = await net.balance(net.manifest.accounts.airline.publicKey);
    const d = await fileFromWallet(c);
    // nobody votes: silence goes against the staker, so the verdict is a release to the airline
    await until(Date.parse(String(d.chain.reveal_end)) / 1000);
    expect(await keeper.runChainDisputeKeeper(keeperDeps())).toMatchObject({ tallied: 1 });
    const decided = await desk.getDispute(c.viewer.id, d.id, false) as Dispute & { chain: Record<string, unknown> };
    expect(decided.chain).toMatchObject({ status: 'decided', verdict: 'release' });
    await until(Date.parse(String(decided.chain.appeal_deadline)) / 1000);

    const sends = vi.spyOn(rpc.Server.prototype, 'sendTransaction');
    sends.mockClear();
    const reads = vi.spyOn(rpc.Server.prototype, 'getTransaction').mockRejectedValueOnce(new Error('socket hang up'));
    onTestFinished(() => { sends.mockRestore(); reads.mockRestore(); });
    // the execute is accepted by the network, then RPC fails while the keeper waits for it
    expect(await keeper.runChainDisputeKeeper(keeperDeps())).toMatchObject({ executed: 0, waiting: 1, failed: 0 });
    expect(sends).toHaveBeenCalledTimes(1);
    const [row] = await t.sql<{ keeper_step: string; keeper_tx: string; status: string }>('select keeper_step, keeper_tx, status from traqora.chain_disputes where dispute_id = $1', [d.id]);
    expect(row).toMatchObject({ keeper_step: 'execute', keeper_tx: expect.stringMatching(/^[0-9a-f]{64}$/), status: 'decided' });
    await sleep(1_000);

    // the next run asks RPC about that hash: it landed, so the verdict is recorded and nothing is sent
    expect(await keeper.runChainDisputeKeeper(keeperDeps())).toMatchObject({ executed: 1, failed: 0 });
    expect(await keeper.runChainDisputeKeeper(keeperDeps())).toMatchObject({ executed: 0, tallied: 0 });
    expect(sends).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    const shown = await desk.getDispute(c.viewer.id, d.id, false) as Dispute & { chain: Record<string, unknown> };
    expect(shown).toMatchObject({ status: 'resolved', resolution: { refund_minor: 0, airline_minor: c.booking.price.total_minor },
      chain: { status: 'executed', verdict: 'release', transactions: { execute: row.keeper_tx } } });
    // the escrow released once: the airline got the fare less the escrow's fee
    const onChain = await escrowBooking(c.chainId);
    expect(onChain).toMatchObject({ state: 3 });   // Released
    const heldTokens = BigInt(c.booking.price.total_minor) * UNIT;
    const fee = heldTokens * BigInt(onChain.fee_bps as number) / 10_000n;
    expect(await net.balance(net.manifest.accounts.airline.publicKey) - airlineBefore).toBe(heldTokens - fee);
    const audits = await t.sql<{ n: number }>("select count(*)::int as n from traqora.audit_log where resource_id = $1 and action = 'dispute.chain_execute_sent'", [d.id]);
    expect(audits[0].n).toBe(1);
  }, 180_000);
});
