import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { outboxRowAnswer } from '@/lib/settlements/answers';
import { retryBody, retrySettlement, settlementId } from '@/lib/settlements/outbox';

export const dynamic = 'force-dynamic';

// Puts a failed settlement back in the outbox for the signer's next run; audited with the reason.
// Naturally idempotent: a second retry of the same row is a 409 (it is no longer failed).
export const POST = handler({ name: 'admin.settlements.retry', auth: 'signed-in', params: settlementId, body: retryBody, response: outboxRowAnswer }, async ({ req, requestId, viewer, params, body }) => {
  const ctx = auditContext(requirePermission(viewer, 'settlements.manage'), req, requestId, body.reason);
  return { data: await retrySettlement(ctx, params.id) };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
