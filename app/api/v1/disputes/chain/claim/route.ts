import { chainClaimAnswer } from '@/lib/disputes/answers';
import { claimChainReward } from '@/lib/disputes/chain/claim';
import { chainClaimBody } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// A juror's reward of a tallied on-chain round: the juror's signed `claim_reward`, checked (this
// contract's claim_reward, this dispute and round, the caller's own linked account as source
// and juror, signed) before it is sent; 200 with the amount the contract paid once RPC says it
// landed, or 202 with the hash to report again.
export const POST = handler({ name: 'disputes.chain_claim', auth: 'signed-in', body: chainClaimBody, response: chainClaimAnswer }, async ({ viewer, body }) => {
  const result = await claimChainReward(viewer, body);
  if ('pending' in result) {
    return Response.json({ status: 'pending', tx_hash: result.tx_hash, detail: 'RPC has not seen this transaction yet; report its hash again shortly.' }, { status: 202 });
  }
  return Response.json({ data: result });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
