import { z } from 'zod';
import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { refundRequestAnswer } from '@/lib/refunds/answers';
import { decideRefund } from '@/lib/refunds/review';
import { decisionBody } from '@/lib/refunds/schema';

export const dynamic = 'force-dynamic';

// Approve (pays through the booking's rail) or deny a refund request. The proposer cannot
// decide their own request (403); a decided request is 409, so concurrent approvals pay once.
const params = z.object({ id: z.uuid('must be a refund request id') });

export const POST = handler({ name: 'admin.refunds.decide', auth: 'signed-in', params, body: decisionBody, response: refundRequestAnswer }, async ({ req, requestId, viewer, params, body }) => {
  const ctx = auditContext(requirePermission(viewer, 'refunds.decide'), req, requestId, body.reason);
  return { data: await decideRefund(ctx, params.id, body.decision) };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
