import { z } from 'zod';
import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { idempotencyKey } from '@/lib/http/idempotency';
import { otherMethods } from '@/lib/http/methods';
import { adjustmentSchema, adjustPoints } from '@/lib/loyalty/admin';
import { adjustmentAnswer } from '@/lib/loyalty/answers';

export const dynamic = 'force-dynamic';

// Adds (or takes away) active points by hand, with the reason the audit trail records.
// 201 posted · 200 a retry with the same Idempotency-Key (nothing posted again) · 409 more taken than held.
const params = z.object({ id: z.uuid('must be a user id') });

export const POST = handler({ name: 'admin.loyalty.adjust', auth: 'signed-in', params, body: adjustmentSchema, response: adjustmentAnswer }, async ({ req, requestId, viewer, params, body }) => {
  const acting = requirePermission(viewer, 'rewards.manage');
  const key = idempotencyKey(req.headers);
  const result = await adjustPoints(auditContext(acting, req, requestId, body.reason), params.id, body.points, key);
  return Response.json({ data: result }, { status: result.replayed ? 200 : 201, headers: result.replayed ? { 'idempotent-replayed': 'true' } : {} });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
