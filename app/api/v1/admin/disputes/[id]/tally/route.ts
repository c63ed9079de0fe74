import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { disputeAnswer } from '@/lib/disputes/answers';
import { tally } from '@/lib/disputes/jury';
import { idParams } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Tallies the jury's latest round once its reveal window has closed (409 before, or twice).
export const POST = handler({ name: 'admin.disputes.tally', auth: 'signed-in', params: idParams, response: disputeAnswer }, async ({ req, requestId, viewer, params }) => {
  const ctx = auditContext(requirePermission(viewer, 'disputes.manage'), req, requestId);
  return { data: await tally(ctx, params.id) };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
