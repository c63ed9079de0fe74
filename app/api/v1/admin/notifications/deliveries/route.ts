import { z } from 'zod';
import { deliveryPage } from '@/lib/admin/answers';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { listDeliveries } from '@/lib/notifications/admin';

export const dynamic = 'force-dynamic';

// Notification deliveries by status for operators: dead letters by default.
const query = z.object({
  status: z.enum(['pending', 'sending', 'sent', 'skipped', 'dead'], { error: 'must be pending, sending, sent, skipped or dead' }).default('dead'),
  cursor: z.string().regex(/^[1-9][0-9]{0,17}$/, 'is not a cursor from this list').transform(Number).optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be 1 to 200').max(200, 'must be 1 to 200').default(50),
});

export const GET = handler({ name: 'admin.notification-deliveries.list', auth: 'signed-in', query, response: deliveryPage }, async ({ viewer, query }) => {
  requirePermission(viewer, 'notifications.manage');
  return listDeliveries(query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
