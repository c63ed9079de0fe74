import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { refundQueuePage, refundRequestAnswer } from '@/lib/refunds/answers';
import { listRefundRequests, proposeRefund } from '@/lib/refunds/review';
import { proposalBody, queueQuery } from '@/lib/refunds/schema';

export const dynamic = 'force-dynamic';

// The refund review queue: list it, or propose a refund outside the fare's rules (a different
// finance or admin user decides it at /refunds/{id}/decision). Proposals are naturally
// idempotent: a booking has at most one open request (a second is 409).
export const GET = handler({ name: 'admin.refunds.list', auth: 'signed-in', query: queueQuery, response: refundQueuePage }, async ({ viewer, query }) => {
  requirePermission(viewer, 'refunds.propose');
  return listRefundRequests(query);
});

export const POST = handler({ name: 'admin.refunds.propose', auth: 'signed-in', body: proposalBody, response: refundRequestAnswer }, async ({ req, requestId, viewer, body }) => {
  const ctx = auditContext(requirePermission(viewer, 'refunds.propose'), req, requestId, body.reason);
  return Response.json({ data: await proposeRefund(ctx, body.pnr, body.kind, body.refund_minor) }, { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
