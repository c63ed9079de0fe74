import { chainVoteAnswer } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { chainVoteBody, proposalIdParams } from '@/lib/governance/schemas';
import { confirmChainVote } from '@/lib/governance/soroban/confirm-vote';

export const dynamic = 'force-dynamic';

// An on-chain vote (soroban rail): the browser reports the cast_vote transaction it sent; the
// server reads it from RPC and counts it (201), or answers 202 until RPC has seen it.
export const POST = handler({ name: 'governance.chain_vote', auth: 'signed-in', params: proposalIdParams, body: chainVoteBody, response: chainVoteAnswer }, async ({ viewer, params, body }) => {
  const result = await confirmChainVote(viewer, params.id, body);
  if ('pending' in result) return Response.json({ status: 'pending', detail: 'RPC has not seen this transaction yet; report it again shortly.' }, { status: 202 });
  return Response.json(result, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
