import { chainDisputeAnswer } from '@/lib/disputes/answers';
import { fileChainDispute } from '@/lib/disputes/chain/file';
import { chainFilingBody } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Filing with the on-chain jury (soroban rail): the party's wallet signs `file_dispute`; the
// server checks the transaction (function, booking, the caller's own account) before it sends it
// and records the dispute once RPC says it landed (201), or answers 202 with the hash to report
// again. Idempotent by the transaction: a repeat answers the same dispute.
export const POST = handler({ name: 'disputes.chain_file', auth: 'signed-in', body: chainFilingBody, response: chainDisputeAnswer }, async ({ viewer, body }) => {
  const result = await fileChainDispute(viewer, body);
  if ('pending' in result) {
    return Response.json({ status: 'pending', tx_hash: result.tx_hash, detail: 'RPC has not seen this transaction yet; report its hash again shortly.' }, { status: 202 });
  }
  return Response.json({ data: result }, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
