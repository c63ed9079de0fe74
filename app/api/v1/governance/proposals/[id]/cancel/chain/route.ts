import { auditContext } from '@/lib/admin/audit-context';
import { chainCancelAnswer } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { chainCancelBody, proposalIdParams } from '@/lib/governance/schemas';
import { confirmChainCancel, prepareChainCancel } from '@/lib/governance/soroban/confirm-cancel';

export const dynamic = 'force-dynamic';

// The proposer cancels a soroban-rail proposal from their wallet. Without tx_hash: checks that
// they may (their proposal, their wallet, the governor says pending) and answers what `cancel`
// takes (200, nothing written). With it: the server reads the transaction from RPC and records
// the cancellation once the governor says Cancelled (200), or answers 202 until RPC has seen it.
export const POST = handler({ name: 'governance.chain_cancel', auth: 'signed-in', params: proposalIdParams, body: chainCancelBody, response: chainCancelAnswer },
  async ({ req, viewer, params, body, requestId }) => {
    const { tx_hash } = body;
    if (!tx_hash) return prepareChainCancel(viewer, params.id, body.address);
    const role = viewer.roles.find((r) => r.role === 'admin')?.role ?? viewer.roles[0]?.role ?? 'traveller';
    const result = await confirmChainCancel(viewer, params.id, { ...body, tx_hash }, auditContext({ viewer, role }, req, requestId));
    if ('pending' in result) return Response.json({ status: 'pending', detail: 'RPC has not seen this transaction yet; report it again shortly.' }, { status: 202 });
    return result;
  });

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
