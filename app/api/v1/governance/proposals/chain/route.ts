import { chainProposeAnswer } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { chainProposalBody } from '@/lib/governance/schemas';
import { confirmChainProposal, prepareChainProposal } from '@/lib/governance/soroban/confirm-propose';

export const dynamic = 'force-dynamic';

// A proposal on the governor contract, made from the proposer's wallet (soroban rail). Without
// tx_hash: checks the proposal and answers what the wallet is to propose (200, nothing written).
// With it: the server reads the `propose` transaction from RPC and records the proposal (201), or
// answers 202 until RPC has seen it. The transaction hash makes a retry answer the same proposal.
export const POST = handler({ name: 'governance.chain_propose', auth: 'signed-in', body: chainProposalBody, response: chainProposeAnswer }, async ({ viewer, body }) => {
  const { tx_hash } = body;
  if (!tx_hash) return prepareChainProposal(viewer, body);
  const result = await confirmChainProposal(viewer, { ...body, tx_hash });
  if ('pending' in result) return Response.json({ status: 'pending', detail: 'RPC has not seen this transaction yet; report it again shortly.' }, { status: 202 });
  return Response.json(result, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
