import { rpc, scValToNative, type xdr } from '@stellar/stellar-sdk';
import { VOTE } from '@/lib/stellar/contracts/governor';
import type { Support } from '@/lib/governance/vote-message';
import { soleGovernorCall } from './governor-call';

// The server believes an on-chain vote only when it has read it from RPC: a successful
// transaction whose one operation invoked our governor's `cast_vote` on this proposal's chain id,
// by the voter's wallet, and whose return value is the weight the governor counted (the voter's
// TRQ votes at the proposal's snapshot ledger). What the browser says is only which hash to read.

export type ChainVoteVerdict =
  | { status: 'pending' }
  | { status: 'failed'; reason: string }
  | { status: 'confirmed'; support: Support; reason: string | null; voter: string; weight: bigint; ledger: number; closedAt: string };

const SUPPORT_OF: Record<number, Support> = { [VOTE.against]: 'against', [VOTE.for]: 'for', [VOTE.abstain]: 'abstain' };

/** Why the vote failed on chain, from the result code (the governor traps on a closed proposal or a second vote). */
function refusal(result: xdr.TransactionResult | undefined): string {
  const outer = (result as unknown as { result?: { type?: string; value?: Array<{ value?: { value?: { type?: string } } }> } })?.result;
  const inner = outer?.value?.[0]?.value?.value?.type;
  if (inner === 'invokeHostFunctionTrapped') return 'The governor refused the vote (voting closed, or this account already voted).';
  return `The vote transaction failed (${inner ?? outer?.type ?? 'unknown'}).`;
}


export function judgeChainVote(
  res: rpc.Api.GetTransactionResponse,
  expect: { governorContractId: string; networkPassphrase: string; chainProposalId: string; voter: string },
): ChainVoteVerdict {
  if (res.status === rpc.Api.GetTransactionStatus.NOT_FOUND) return { status: 'pending' };
  if (res.status === rpc.Api.GetTransactionStatus.FAILED) return { status: 'failed', reason: refusal(res.resultXdr) };

  const args = soleGovernorCall(res, expect, 'cast_vote');
  if (!args || args.length !== 4) return { status: 'failed', reason: 'The transaction is not a vote on the Traqora governor.' };
  const [id, voteType, why, voter] = args.map((a) => scValToNative(a)) as [Uint8Array, number, string, string];
  if (Buffer.from(id).toString('hex') !== expect.chainProposalId.toLowerCase()) return { status: 'failed', reason: 'The transaction votes on another proposal.' };
  if (voter !== expect.voter) return { status: 'failed', reason: 'The transaction votes for another account.' };
  const support = SUPPORT_OF[voteType];
  if (!support) return { status: 'failed', reason: 'The transaction casts an unknown vote type.' };
  if (!res.returnValue) return { status: 'failed', reason: 'The transaction has no result to check.' };
  const weight = BigInt(scValToNative(res.returnValue) as bigint | number);
  if (weight <= 0n) return { status: 'failed', reason: 'The governor counted no voting power for this vote.' };
  return { status: 'confirmed', support, reason: why || null, voter, weight, ledger: res.ledger, closedAt: new Date(res.createdAt * 1000).toISOString() };
}
