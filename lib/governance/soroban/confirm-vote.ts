import 'server-only';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import { chainConfig } from '@/lib/stellar/chain-config';
import { rpcServer } from '@/lib/stellar/rpc';
import { getProposal } from '@/lib/governance/proposals';
import type { ChainVoteInput } from '@/lib/governance/schemas';
import type { ChainVoteReceipt } from '@/lib/governance/types';
import { judgeChainVote } from './judge-vote';

// An on-chain vote, reported by the browser after the wallet signed and sent `cast_vote`: the
// server reads the transaction from RPC itself, judges it (judge-vote.ts) and records the weight
// the governor counted. Until RPC has seen the transaction the answer is "not yet" (202).

const refuse = (status: number, field: string, message: string) => new HttpProblem(status, message, [{ field, message }]);

export async function confirmChainVote(viewer: Viewer, proposalId: number, input: ChainVoteInput): Promise<{ pending: true } | ChainVoteReceipt> {
  const proposal = await getProposal(proposalId, viewer.id);
  if (proposal.rail !== 'soroban' || !proposal.chain_proposal_id) throw refuse(409, 'id', 'This proposal is not voted on chain.');
  if (!viewer.wallets.includes(input.address)) throw refuse(403, 'address', 'This wallet is not linked to your account.');
  const chain = chainConfig();
  const governorId = chain.configured ? chain.contractId('governor') : undefined;
  if (!chain.configured || !governorId) throw refuse(409, 'tx_hash', 'On-chain voting is not configured on this server.');

  const verdict = judgeChainVote(await rpcServer(chain).getTransaction(input.tx_hash), {
    governorContractId: governorId, networkPassphrase: chain.networkPassphrase, chainProposalId: proposal.chain_proposal_id, voter: input.address,
  });
  if (verdict.status === 'pending') return { pending: true };
  if (verdict.status === 'failed') throw refuse(422, 'tx_hash', verdict.reason);
  return (await db()).call<ChainVoteReceipt>('governance_record_chain_vote', {
    voter: viewer.id, id: proposalId, support: verdict.support, reason: verdict.reason, address: verdict.voter,
    weight: verdict.weight.toString(), tx_hash: input.tx_hash,
  });
}
