import { z } from 'zod';
import { deliveryRetried } from '@/lib/admin/answers';
import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { retryDelivery } from '@/lib/notifications/admin';
import { dataOf } from '@/lib/openapi/answers';

export const dynamic = 'force-dynamic';

// Sends a dead delivery back to the queue with fresh attempts; audited.
const params = z.object({ id: z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a delivery id').transform(Number) });
const body = z.object({ reason: z.string().trim().max(500, 'at most 500 characters').optional() }).optional();

export const POST = handler({ name: 'admin.notification-deliveries.retry', auth: 'signed-in', params, body, response: dataOf(deliveryRetried) }, async ({ req, requestId, viewer, params, body }) => {
  const acting = requirePermission(viewer, 'notifications.manage');
  return { data: await retryDelivery(auditContext(acting, req, requestId, body?.reason), params.id) };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
