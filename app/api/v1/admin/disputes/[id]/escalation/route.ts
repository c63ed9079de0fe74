import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { disputeAnswer } from '@/lib/disputes/answers';
import { escalateDispute } from '@/lib/disputes/desk';
import { escalationBody, idParams } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Support escalates to the jury (optionally proposing a split as a third option); the jury is
// drawn from the seed whose hash the escalation committed. A second escalation is 409.
export const POST = handler({ name: 'admin.disputes.escalate', auth: 'signed-in', params: idParams, body: escalationBody, response: disputeAnswer },
  async ({ req, requestId, viewer, params, body }) => {
    const ctx = auditContext(requirePermission(viewer, 'disputes.manage'), req, requestId, body.reason ?? null);
    const split = body.refund_minor === undefined ? null : { refund_minor: body.refund_minor, airline_minor: body.airline_minor!, fee_minor: body.fee_minor! };
    return Response.json({ data: await escalateDispute(ctx, params.id, split) }, { status: 201 });
  });

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
