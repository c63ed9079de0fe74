import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { chainSyncAnswer } from '@/lib/loyalty/answers';
import { requeueBody, requeueChainSync, requeueParams } from '@/lib/loyalty/chain-reconcile-admin';

export const dynamic = 'force-dynamic';

// Re-queues the sync of a member a reconciliation run reported (audited with the reason). Once
// per reported mismatch: a repeat, or a member whose sync is already queued or in flight, is a 409.
export const POST = handler({ name: 'admin.loyalty.chain_reconciliation.requeue', auth: 'signed-in', params: requeueParams, body: requeueBody, response: chainSyncAnswer },
  async ({ req, requestId, viewer, params, body }) => {
    const acting = requirePermission(viewer, 'rewards.manage');
    return { data: await requeueChainSync(auditContext(acting, req, requestId, body.reason), body.run_id, params.memberId) };
  });

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
