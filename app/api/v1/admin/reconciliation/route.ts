import { requirePermission } from '@/lib/admin/permissions';
import { db } from '@/lib/db/connect';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { reconcileBookings } from '@/lib/indexer/reconcile';

export const dynamic = 'force-dynamic';

// The reconciliation report: the escrow's indexed word on each booking next to the app's status
// (lib/indexer/reconcile.ts). Read-only. settlements.manage.
export const GET = handler({ name: 'admin.reconciliation', auth: 'signed-in' }, async ({ viewer }) => {
  requirePermission(viewer, 'settlements.manage');
  return { data: await reconcileBookings(await db()) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
