'use client';
import { contract, rpc } from '@stellar/stellar-sdk';
import disputesSpec from '@/contracts/spec/disputes.json';
import { newSalt } from '@/lib/disputes/commitment';
import { requireWalletNetwork, walletAccount, walletContractClient, type ContractTarget } from '@/lib/wallet/contract-client';
import { WalletError, type WalletAdapter } from '@/lib/wallet/adapter';
import { chainVoteCommitment } from './commitment';

// The on-chain jury from the browser: a party files (`file_dispute`, which takes the contract's
// stake from the filer), a juror commits and reveals. Each call is built from the committed
// disputes spec with contract.Client (simulated by RPC, which also says whether the contract
// would refuse it) and signed in the wallet. A filing goes to the server signed but unsent: the
// server checks it before it sends it (lib/disputes/chain/file.ts). Commits and reveals are sent
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

/** The disputes contract's refusals (contracts/disputes/src/types.rs DisputeError) in a sentence. */
export function disputesErrorSentence(text: string): string {
  switch (/Error\(Contract, #(\d+)\)/.exec(text)?.[1]) {
    case '1': return 'This account is not a party to the booking.';
    case '2': return 'This booking is already disputed on chain.';
    case '3': return 'The escrow no longer holds this booking.';
    case '7': return 'The commit window is closed.';
    case '8': return 'The reveal window is not open.';
    case '9': return 'This account has already committed a vote in this round.';
    case '10': return 'This account cannot sit on this jury (a party, or too few TRQ votes at the dispute\'s snapshot).';
    case '11': return 'This account committed no vote in this round.';
    case '12': return 'This vote is already revealed.';
    case '13': return 'The vote and salt do not match the commitment.';
    default: return /Error\(Auth/.test(text) ? 'The wallet did not authorise the call.' : 'The disputes contract refused the call.';
  }
}

type Sent = contract.AssembledTransaction<unknown>;
interface DisputesClient {
  file_dispute(a: { filer: string; booking_id: bigint; evidence_hash: Buffer }): Promise<Sent>;
  commit_vote(a: { juror: string; dispute_id: bigint; commitment: Buffer }): Promise<Sent>;
  reveal_vote(a: { juror: string; dispute_id: bigint; vote: number; salt: Buffer }): Promise<Sent>;
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
      if (tx.simulation && rpc.Api.isSimulationError(tx.simulation)) throw new ChainJuryError(disputesErrorSentence(tx.simulation.error), 'building');
      report('signing');
      await tx.sign();
      const sent = await tx.send({ onSubmitted: (r) => { if (r?.hash) { txHash = r.hash; report('submitted', txHash); } } });
      txHash ||= sent.sendTransactionResponse?.hash ?? '';
      report('confirmed', txHash);
      return txHash;
    };
    return await body({ account, client, report, send });
  } catch (err) {
    if (err instanceof ChainJuryError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof WalletError) throw new ChainJuryError(message, step, txHash || null);
    if (step === 'signing' && /reject|declin|denied|cancel/i.test(message)) throw new ChainJuryError('You declined to sign in your wallet.', step);
    throw new ChainJuryError(/Error\(/.test(message) ? disputesErrorSentence(message) : message, step, txHash || null);
  }
}

export interface FilingRequest { pnr: string; reason: string; signed_xdr: string; address: string }

/** Posts the signed filing to the server, then reports its hash until the server has read it (202 = not yet). */
async function submitFiling(body: FilingRequest, attempts = 10): Promise<unknown> {
  let payload: Record<string, string> = { pnr: body.pnr, reason: body.reason, signed_xdr: body.signed_xdr };
  for (let i = 0; i < attempts; i++) {
    const res = await fetch('/api/v1/disputes/chain', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    const json = await res.json().catch(() => null);
    if (res.status === 201) return json;
    if (res.status !== 202) throw new ChainJuryError((json && typeof json.detail === 'string' && json.detail) || 'Traqora could not file the dispute.', 'confirming');
    payload = { pnr: body.pnr, reason: body.reason, tx_hash: json.tx_hash };
    await new Promise((r) => setTimeout(r, 1500));
  }
  throw new ChainJuryError('The filing is on its way but not confirmed yet; check the booking again in a moment.', 'confirming');
}

/** sha256 of the reason's text: the first evidence hash the filing carries (the text itself stays with the app). */
async function evidenceHash(reason: string): Promise<Buffer> {
  return Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(reason)));
}

export async function fileOnChain(
  wallet: WalletAdapter, target: ContractTarget, input: { pnr: string; reason: string; chainBookingId: string },
  opts: Progress & { submit?: (body: FilingRequest) => Promise<unknown> } = {},
): Promise<unknown> {
  return run(wallet, target, opts, async ({ account, client, report }) => {
    const tx = await client.file_dispute({ filer: account, booking_id: BigInt(input.chainBookingId), evidence_hash: await evidenceHash(input.reason) });
    if (tx.simulation && rpc.Api.isSimulationError(tx.simulation)) throw new ChainJuryError(disputesErrorSentence(tx.simulation.error), 'building');
    report('signing');
    await tx.sign();
    report('confirming');
    const body = { pnr: input.pnr, reason: input.reason, signed_xdr: tx.signed!.toXDR(), address: account };
    const out = await (opts.submit ?? submitFiling)(body);
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

