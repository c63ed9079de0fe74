import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { disputeAnswer } from '@/lib/disputes/answers';
import { resolveDispute } from '@/lib/disputes/desk';
import { idParams, splitBody } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Support resolves with a split: refund + airline share + fee must equal the held amount (422
// naming refund_minor otherwise). Pays through the booking's rail, once (a second call is 409).
export const POST = handler({ name: 'admin.disputes.resolve', auth: 'signed-in', params: idParams, body: splitBody, response: disputeAnswer },
  async ({ req, requestId, viewer, params, body }) => {
    const ctx = auditContext(requirePermission(viewer, 'disputes.manage'), req, requestId, body.reason);
    return { data: await resolveDispute(ctx, params.id, body) };
  });

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
