import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { chainSyncAnswer } from '@/lib/loyalty/answers';
import { memberParams, retryBody, retryChainSync } from '@/lib/loyalty/chain-sync-admin';

export const dynamic = 'force-dynamic';

// Sends a failed member sync again (audited with the reason). Repeating it is a 409: the row is
// pending again, so it cannot be queued twice.
export const POST = handler({ name: 'admin.loyalty.chain_syncs.retry', auth: 'signed-in', params: memberParams, body: retryBody, response: chainSyncAnswer },
  async ({ req, requestId, viewer, params, body }) => {
    const acting = requirePermission(viewer, 'rewards.manage');
    return { data: await retryChainSync(auditContext(acting, req, requestId, body.reason), params.memberId) };
  });

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
