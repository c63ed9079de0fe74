'use client';
import { contract, rpc } from '@stellar/stellar-sdk';
import disputesSpec from '@/contracts/spec/disputes.json';
import { newSalt } from '@/lib/disputes/commitment';
import { requireWalletNetwork, walletAccount, walletContractClient, type ContractTarget } from '@/lib/wallet/contract-client';
import { WalletError, type WalletAdapter } from '@/lib/wallet/adapter';
import { chainVoteCommitment } from './commitment';

// The on-chain jury from the browser: a party files (`file_dispute`, which takes the contract's
// stake from the filer) and the losing party appeals (`appeal`, a larger stake); a juror commits,
// reveals and claims a round's reward (`claim_reward`). Each call is built from the committed
// disputes spec with contract.Client (simulated by RPC, which also says whether the contract
// would refuse it) and signed in the wallet. A filing, an appeal and a claim go to the server
// signed but unsent: the server checks them before it sends them (judge-call.ts). Commits and reveals are sent
// from here; the indexer records them.
//
// The salt: a commit is sha256(round ‖ vote ‖ salt ‖ juror), and the reveal needs the same vote
// and salt. They are kept in this browser's storage under the dispute, round and account, written
// BEFORE the commit is signed (a commit that lands with its salt lost could never be revealed),
// and offered as a download. The server never sees them before the reveal: holding them would let
// whoever reads its database (or its logs) see every juror's vote while the commit window is
// still open, which is exactly what commit–reveal exists to prevent.

export type ChainJuryStep = 'connecting' | 'building' | 'signing' | 'submitted' | 'confirming' | 'confirmed';

export class ChainJuryError extends Error {
  constructor(message: string, public readonly step: ChainJuryStep, public readonly txHash: string | null = null) {
    super(message);
    this.name = 'ChainJuryError';
  }
}

/** Which of the disputes contract's own errors each call can raise; any other is the stake token's (its transfer). */
const OWN_ERRORS: Record<string, readonly string[]> = {
  file_dispute: ['1', '2', '3'], commit_vote: ['4', '7', '9', '10'], reveal_vote: ['4', '8', '11', '12', '13', '14'],
  appeal: ['1', '4', '17', '18', '20', '21'], claim_reward: ['17', '22', '23'],
};

/** The disputes contract's refusals (contracts/disputes/src/types.rs DisputeError) in a sentence; `fn` tells them from the stake token's. */
export function disputesErrorSentence(text: string, fn?: string): string {
  const code = /Error\(Contract, #(\d+)\)/.exec(text)?.[1];
  if (code && fn && OWN_ERRORS[fn] && !OWN_ERRORS[fn].includes(code)) {
    return fn === 'claim_reward'
      ? 'The stake token cannot pay this account: add the token (a trustline) in your wallet first.'
      : 'The stake token refused the transfer: the account needs the token (a trustline) and enough of it for the stake.';
  }
  switch (code) {
    case '1': return 'This account is not a party to the booking.';
    case '2': return 'This booking is already disputed on chain.';
    case '3': return 'The escrow no longer holds this booking.';
    case '4': return 'The disputes contract has no such dispute.';
    case '7': return 'The commit window is closed.';
    case '8': return 'The reveal window is not open.';
    case '9': return 'This account has already committed a vote in this round.';
    case '10': return 'This account cannot sit on this jury (a party, or too few TRQ votes at the dispute\'s snapshot).';
    case '11': return 'This account committed no vote in this round.';
    case '12': return 'This vote is already revealed.';
    case '13': return 'The vote and salt do not match the commitment.';
    case '14': return 'That is not a vote the contract takes.';
    case '17': return 'The round is not tallied yet.';
    case '18': return 'The appeal window is closed.';
    case '20': return 'This dispute was already appealed once.';
    case '21': return 'Only the side that lost the round may appeal.';
    case '22': return 'This account has no reward in this round (it did not reveal with the majority).';
    case '23': return 'This reward is already claimed.';
    default: return /Error\(Auth/.test(text) ? 'The wallet did not authorise the call.' : 'The disputes contract refused the call.';
  }
}

type Sent = contract.AssembledTransaction<unknown>;
interface DisputesClient {
  file_dispute(a: { filer: string; booking_id: bigint; evidence_hash: Buffer }): Promise<Sent>;
  commit_vote(a: { juror: string; dispute_id: bigint; commitment: Buffer }): Promise<Sent>;
  reveal_vote(a: { juror: string; dispute_id: bigint; vote: number; salt: Buffer }): Promise<Sent>;
  appeal(a: { appellant: string; dispute_id: bigint }): Promise<Sent>;
  claim_reward(a: { juror: string; dispute_id: bigint; round: number }): Promise<Sent>;
}

/** Where a juror's vote and salt wait for the reveal. */
export interface SaltStore { get(key: string): string | null; set(key: string, value: string): void; remove(key: string): void }
export const browserSaltStore: SaltStore = {
  get: (k) => window.localStorage.getItem(k),
  set: (k, v) => window.localStorage.setItem(k, v),
  remove: (k) => window.localStorage.removeItem(k),
};
export const saltKey = (contractId: string, chainDisputeId: string, round: number, juror: string) => `traqora.jury-salt.${contractId}.${chainDisputeId}.${round}.${juror}`;
export interface SavedVote { dispute: string; round: number; juror: string; vote: number; salt: string }

interface Progress { onProgress?: (step: ChainJuryStep, txHash?: string) => void }

async function run<T>(wallet: WalletAdapter, target: ContractTarget, opts: Progress, body: (ctx: {
  account: string; client: DisputesClient; report: (s: ChainJuryStep, hash?: string) => void; send: (tx: Sent) => Promise<string>;
  /** Signs without sending: the server judges and sends it (filing, appeal, claim). */
  signForServer: (tx: Sent) => Promise<string>;
}) => Promise<T>): Promise<T> {
  let step = 'connecting' as ChainJuryStep;
  let txHash = '';
  const report = (s: ChainJuryStep, hash?: string) => { step = s; opts.onProgress?.(s, hash); };
  try {
    report('connecting');
    const account = await walletAccount(wallet);
    await requireWalletNetwork(wallet, target.networkPassphrase, "Traqora's disputes contract");
    report('building');
    const client = walletContractClient<DisputesClient>(wallet, disputesSpec, target, account);
    const send = async (tx: Sent) => {
      if (tx.simulation && rpc.Api.isSimulationError(tx.simulation)) throw new ChainJuryError(disputesErrorSentence(tx.simulation.error, tx.options.method), 'building');
      report('signing');
      await tx.sign();
      const sent = await tx.send({ onSubmitted: (r) => { if (r?.hash) { txHash = r.hash; report('submitted', txHash); } } });
      txHash ||= sent.sendTransactionResponse?.hash ?? '';
      report('confirmed', txHash);
      return txHash;
    };
    const signForServer = async (tx: Sent) => {
      if (tx.simulation && rpc.Api.isSimulationError(tx.simulation)) throw new ChainJuryError(disputesErrorSentence(tx.simulation.error, tx.options.method), 'building');
      report('signing');
      await tx.sign();
      report('confirming');
      return tx.signed!.toXDR();
    };
    return await body({ account, client, report, send, signForServer });
  } catch (err) {
    if (err instanceof ChainJuryError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof WalletError) throw new ChainJuryError(message, step, txHash || null);
    if (step === 'signing' && /reject|declin|denied|cancel/i.test(message)) throw new ChainJuryError('You declined to sign in your wallet.', step);
    throw new ChainJuryError(/Error\(/.test(message) ? disputesErrorSentence(message) : message, step, txHash || null);
  }
}

export interface FilingRequest { pnr: string; reason: string; signed_xdr: string; address: string }

/**
 * Posts a signed call to the server (which judges and sends it), then reports its hash until the
 * server has read it from RPC (202 = not yet).
 */
async function submitSigned(url: string, body: Record<string, unknown> & { signed_xdr: string }, what: string, attempts = 10): Promise<unknown> {
  const rest: Record<string, unknown> = { ...body };
  delete rest.signed_xdr;
  let payload: Record<string, unknown> = body;
  for (let i = 0; i < attempts; i++) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    const json = await res.json().catch(() => null);
    if (res.status === 200 || res.status === 201) return json;
    if (res.status !== 202) throw new ChainJuryError((json && typeof json.detail === 'string' && json.detail) || `Traqora could not ${what}.`, 'confirming');
    payload = { ...rest, tx_hash: json.tx_hash };
    await new Promise((r) => setTimeout(r, 1500));
  }
  throw new ChainJuryError(`The transaction is on its way but not confirmed yet; check again in a moment.`, 'confirming');
}

const submitFiling = (body: FilingRequest) =>
  submitSigned('/api/v1/disputes/chain', { pnr: body.pnr, reason: body.reason, signed_xdr: body.signed_xdr }, 'file the dispute');

/** sha256 of the reason's text: the first evidence hash the filing carries (the text itself stays with the app). */
async function evidenceHash(reason: string): Promise<Buffer> {
  return Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(reason)));
}

export async function fileOnChain(
  wallet: WalletAdapter, target: ContractTarget, input: { pnr: string; reason: string; chainBookingId: string },
  opts: Progress & { submit?: (body: FilingRequest) => Promise<unknown> } = {},
): Promise<unknown> {
  return run(wallet, target, opts, async ({ account, client, report, signForServer }) => {
    const tx = await client.file_dispute({ filer: account, booking_id: BigInt(input.chainBookingId), evidence_hash: await evidenceHash(input.reason) });
    const body = { pnr: input.pnr, reason: input.reason, signed_xdr: await signForServer(tx), address: account };
    const out = await (opts.submit ?? submitFiling)(body);
    report('confirmed');
    return out;
  });
}

export interface AppealRequest { id: string; signed_xdr: string }

/** The losing party appeals a tallied round: the wallet signs `appeal` (the contract takes the appeal stake); the server judges and sends it. */
export async function appealOnChain(
  wallet: WalletAdapter, target: ContractTarget, input: { disputeId: string; chainDisputeId: string },
  opts: Progress & { submit?: (body: AppealRequest) => Promise<unknown> } = {},
): Promise<unknown> {
  return run(wallet, target, opts, async ({ account, client, report, signForServer }) => {
    const tx = await client.appeal({ appellant: account, dispute_id: BigInt(input.chainDisputeId) });
    const body = { id: input.disputeId, signed_xdr: await signForServer(tx) };
    const out = await (opts.submit ?? ((b: AppealRequest) => submitSigned('/api/v1/disputes/chain/appeal', { ...b }, 'appeal')))(body);
    report('confirmed');
    return out;
  });
}

export interface ClaimRequest { chain_dispute_id: string; round: number; signed_xdr: string }

/** A majority juror claims a round's reward: the wallet signs `claim_reward`; the server judges and sends it. */
export async function claimOnChain(
  wallet: WalletAdapter, target: ContractTarget, input: { chainDisputeId: string; round: number },
  opts: Progress & { submit?: (body: ClaimRequest) => Promise<unknown> } = {},
): Promise<unknown> {
  return run(wallet, target, opts, async ({ account, client, report, signForServer }) => {
    const tx = await client.claim_reward({ juror: account, dispute_id: BigInt(input.chainDisputeId), round: input.round });
    const body = { chain_dispute_id: input.chainDisputeId, round: input.round, signed_xdr: await signForServer(tx) };
    const out = await (opts.submit ?? ((b: ClaimRequest) => submitSigned('/api/v1/disputes/chain/claim', { ...b }, 'claim the reward')))(body);
    report('confirmed');
    return out;
  });
}

export async function commitOnChain(
  wallet: WalletAdapter, target: ContractTarget, input: { chainDisputeId: string; round: number; vote: 1 | 2 },
  opts: Progress & { store?: SaltStore } = {},
): Promise<{ txHash: string; saved: SavedVote }> {
  const store = opts.store ?? browserSaltStore;
  return run(wallet, target, opts, async ({ account, client, send }) => {
    const salt = newSalt();
    const commitment = await chainVoteCommitment(input.round, input.vote, salt, account);
    const saved: SavedVote = { dispute: input.chainDisputeId, round: input.round, juror: account, vote: input.vote, salt };
    store.set(saltKey(target.contractId, input.chainDisputeId, input.round, account), JSON.stringify(saved));
    const txHash = await send(await client.commit_vote({ juror: account, dispute_id: BigInt(input.chainDisputeId), commitment: Buffer.from(commitment, 'hex') }));
    return { txHash, saved };
  });
}

/** The vote and salt saved for this account's commit, or null. */
export function savedVote(store: SaltStore, contractId: string, chainDisputeId: string, round: number, juror: string): SavedVote | null {
  const raw = store.get(saltKey(contractId, chainDisputeId, round, juror));
  try { return raw ? (JSON.parse(raw) as SavedVote) : null; } catch { return null; }
}

export async function revealOnChain(
  wallet: WalletAdapter, target: ContractTarget, input: { chainDisputeId: string; round: number; saved?: SavedVote },
  opts: Progress & { store?: SaltStore } = {},
): Promise<{ txHash: string; vote: number }> {
  const store = opts.store ?? browserSaltStore;
  return run(wallet, target, opts, async ({ account, client, send }) => {
    const saved = input.saved ?? savedVote(store, target.contractId, input.chainDisputeId, input.round, account);
    if (!saved) throw new ChainJuryError('This browser has no saved vote for this round; load the file you downloaded when you committed.', 'building');
    if (saved.juror !== account) throw new ChainJuryError('The saved vote belongs to another account; switch the wallet to it.', 'building');
    const txHash = await send(await client.reveal_vote({ juror: account, dispute_id: BigInt(input.chainDisputeId), vote: saved.vote, salt: Buffer.from(saved.salt, 'hex') }));
    store.remove(saltKey(target.contractId, input.chainDisputeId, input.round, account));
    return { txHash, vote: saved.vote };
  });
}

