import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { reconciliationReport as reconciliationReportAnswer } from '@/lib/loyalty/answers';
import { reconciliationQuery, reconciliationReport } from '@/lib/loyalty/chain-reconcile-admin';

export const dynamic = 'force-dynamic';

// The loyalty mirror's reconciliation report: the latest finished run (or ?run=) and its members
// whose on-chain record disagrees with the engine, in member order with a cursor.
export const GET = handler({ name: 'admin.loyalty.chain_reconciliation', auth: 'signed-in', query: reconciliationQuery, response: reconciliationReportAnswer }, async ({ viewer, query }) => {
  requirePermission(viewer, 'rewards.manage');
  return reconciliationReport(query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
