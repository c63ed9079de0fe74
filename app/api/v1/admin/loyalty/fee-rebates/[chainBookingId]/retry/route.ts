import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { feeRebateAnswer } from '@/lib/loyalty/answers';
import { rebateParams, rebateRetryBody, retryFeeRebate } from '@/lib/loyalty/fee-rebates-admin';

export const dynamic = 'force-dynamic';

// Queues a failed rebate again (audited with the reason). A repeat is a 409: the rebate is pending
// again. The job checks the rebate's last transfer on chain before sending another, so a retry
// never pays twice.
export const POST = handler({ name: 'admin.loyalty.fee_rebates.retry', auth: 'signed-in', params: rebateParams, body: rebateRetryBody, response: feeRebateAnswer },
  async ({ req, requestId, viewer, params, body }) => {
    const acting = requirePermission(viewer, 'rewards.manage');
    return { data: await retryFeeRebate(auditContext(acting, req, requestId, body.reason), params.chainBookingId) };
  });

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
