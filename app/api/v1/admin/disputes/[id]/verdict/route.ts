import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { disputeAnswer } from '@/lib/disputes/answers';
import { executeVerdict } from '@/lib/disputes/desk';
import { idParams } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Executes the jury's final verdict through the booking's rail: exactly once (409 after, or
// while the appeal window is open).
export const POST = handler({ name: 'admin.disputes.verdict', auth: 'signed-in', params: idParams, response: disputeAnswer }, async ({ req, requestId, viewer, params }) => {
  const ctx = auditContext(requirePermission(viewer, 'disputes.manage'), req, requestId);
  return { data: await executeVerdict(ctx, params.id) };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
