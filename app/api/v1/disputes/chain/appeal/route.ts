import { appealTerms, chainDisputeAnswer } from '@/lib/disputes/answers';
import { appealChainDispute, chainAppealTerms } from '@/lib/disputes/chain/appeal';
import { chainAppealBody, chainAppealQuery } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Appealing an on-chain jury's verdict to a larger jury. GET: the contract's terms (the appeal
// stake, the window) for the party's wallet. POST: the party's signed `appeal`, checked (this
// contract's appeal, this dispute, the caller's own linked account as source and appellant,
// signed) before it is sent; 200 with the dispute once RPC says it landed, or 202 with the hash
// to report again.
export const GET = handler({ name: 'disputes.chain_appeal_terms', auth: 'signed-in', query: chainAppealQuery, response: appealTerms }, async ({ viewer, query }) =>
  chainAppealTerms(viewer, query.id));

export const POST = handler({ name: 'disputes.chain_appeal', auth: 'signed-in', body: chainAppealBody, response: chainDisputeAnswer }, async ({ viewer, body }) => {
  const result = await appealChainDispute(viewer, body);
  if ('pending' in result) {
    return Response.json({ status: 'pending', tx_hash: result.tx_hash, detail: 'RPC has not seen this transaction yet; report its hash again shortly.' }, { status: 202 });
  }
  return Response.json({ data: result });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
