'use client';
import { contract, rpc } from '@stellar/stellar-sdk';
import governorSpec from '@/contracts/spec/governor.json';
import type { Support } from '@/lib/governance/vote-message';
import { VOTE } from '@/lib/stellar/contracts/governor';
import { requireWalletNetwork, walletAccount, walletContractClient } from '@/lib/wallet/contract-client';
import { WalletError, type WalletAdapter } from '@/lib/wallet/adapter';

// An on-chain vote from the browser (soroban rail): `cast_vote` built from the committed governor
// spec with contract.Client (simulated by RPC, which also says whether the governor would refuse
// it), signed in the wallet, sent, and then reported to the server, which reads the transaction
// from RPC itself before it counts the vote (confirm-vote.ts). The wallet must be on the network
// the governor is on; the voter is the wallet's account.

export type ChainVoteStep = 'connecting' | 'building' | 'signing' | 'submitted' | 'confirming' | 'confirmed';

export interface GovernorTarget {
  /** Traqora's proposal number (the confirm endpoint's). */
  proposal: number;
  /** The governor's proposal id, 64 hex digits. */
  chainProposalId: string;
  contractId: string;
  networkPassphrase: string;
  rpcUrl: string;
}

export class ChainVoteError extends Error {
  constructor(message: string, public readonly step: ChainVoteStep, public readonly txHash: string | null = null) {
    super(message);
    this.name = 'ChainVoteError';
  }
}

/** The governor's refusals (stellar-governance GovernorError numbers) in a sentence. */
export function governorErrorSentence(text: string): string {
  const n = /Error\(Contract, #(\d+)\)/.exec(text)?.[1];
  switch (n) {
    case '5000': return 'The governor does not know this proposal.';
    case '5005': return 'Voting is not open on this proposal on chain.';
    case '5016': return 'This account has already voted on this proposal.';
    case '5017': return 'The governor does not accept this vote type.';
    default: return /Error\(Auth/.test(text) ? 'The wallet did not authorise the vote.' : 'The governor refused the vote.';
  }
}

/** Reports the transaction to the server until it has read it from the chain (202 = not yet). */
async function confirmWithServer(target: GovernorTarget, txHash: string, address: string, attempts = 10): Promise<unknown> {
  for (let i = 0; i < attempts; i++) {
    const res = await fetch(`/api/v1/governance/proposals/${target.proposal}/votes/chain`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tx_hash: txHash, address }),
    });
    if (res.status === 201) return res.json();
    if (res.status !== 202) {
      const body = await res.json().catch(() => null);
      throw new ChainVoteError((body && typeof body.detail === 'string' && body.detail) || 'Traqora could not confirm the vote.', 'confirming', txHash);
    }
    await new Promise((r) => setTimeout(r, 1500));
  }
  throw new ChainVoteError('The vote is on its way but not confirmed yet; check the proposal again in a moment.', 'confirming', txHash);
}

export async function voteOnChain(
  wallet: WalletAdapter, target: GovernorTarget, choice: { support: Support; reason: string | null },
  opts: { onProgress?: (step: ChainVoteStep, txHash?: string) => void; confirm?: (txHash: string, voter: string) => Promise<unknown> } = {},
): Promise<{ txHash: string; receipt: unknown }> {
  let step = 'connecting' as ChainVoteStep;
  const report = (s: ChainVoteStep, hash?: string) => { step = s; opts.onProgress?.(s, hash); };
  let txHash = '';
  try {
    report('connecting');
    const voter = await walletAccount(wallet);
    await requireWalletNetwork(wallet, target.networkPassphrase, "Traqora's governor");

    report('building');
    const client = walletContractClient<{ cast_vote(args: { proposal_id: Buffer; vote_type: number; reason: string; voter: string }): Promise<contract.AssembledTransaction<bigint>> }>(
      wallet, governorSpec, target, voter);
    const tx = await client.cast_vote({ proposal_id: Buffer.from(target.chainProposalId, 'hex'), vote_type: VOTE[choice.support], reason: choice.reason ?? '', voter });
    if (tx.simulation && rpc.Api.isSimulationError(tx.simulation)) throw new ChainVoteError(governorErrorSentence(tx.simulation.error), 'building');

    report('signing');
    await tx.sign();
    const sent = await tx.send({ onSubmitted: (r) => { if (r?.hash) { txHash = r.hash; report('submitted', txHash); } } });
    txHash ||= sent.sendTransactionResponse?.hash ?? '';

    report('confirming', txHash);
    const receipt = await (opts.confirm ?? ((h, v) => confirmWithServer(target, h, v)))(txHash, voter);
    report('confirmed', txHash);
    return { txHash, receipt };
  } catch (err) {
    if (err instanceof ChainVoteError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof WalletError) throw new ChainVoteError(message, step, txHash || null);
    if (step === 'signing' && /reject|declin|denied|cancel/i.test(message)) throw new ChainVoteError('You declined to sign the vote in your wallet.', step);
    throw new ChainVoteError(/Error\(/.test(message) ? governorErrorSentence(message) : message, step, txHash || null);
  }
}
