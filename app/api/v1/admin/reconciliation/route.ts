import { requirePermission } from '@/lib/admin/permissions';
import { db } from '@/lib/db/connect';
import { pageQuery } from '@/lib/http/cursor';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { reconciliationPage as reconciliationAnswer } from '@/lib/indexer/answers';
import { reconciliationPage } from '@/lib/indexer/reconcile';

export const dynamic = 'force-dynamic';

// The reconciliation report: the escrow's indexed word on each booking next to the app's status
// (lib/indexer/reconcile.ts), a page of segments at a time, each with its verdict. Read-only.
// settlements.manage.
export const GET = handler({ name: 'admin.reconciliation', auth: 'signed-in', query: pageQuery, response: reconciliationAnswer }, async ({ viewer, query }) => {
  requirePermission(viewer, 'settlements.manage');
  return reconciliationPage(await db(), query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
