import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { disputeAnswer } from '@/lib/disputes/answers';
import { requestEvidence } from '@/lib/disputes/desk';
import { evidenceRequestBody, idParams } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Support asks the traveller for more evidence; the message shows on the trip page.
export const POST = handler({ name: 'admin.disputes.evidence_request', auth: 'signed-in', params: idParams, body: evidenceRequestBody, response: disputeAnswer },
  async ({ req, requestId, viewer, params, body }) => {
    const ctx = auditContext(requirePermission(viewer, 'disputes.manage'), req, requestId, body.message);
    return { data: await requestEvidence(ctx, params.id, body.message) };
  });

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
