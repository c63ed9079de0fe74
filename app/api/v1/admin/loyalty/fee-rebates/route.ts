import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { feeRebatesPage } from '@/lib/loyalty/answers';
import { feeRebatesQuery, listFeeRebates } from '@/lib/loyalty/fee-rebates-admin';

export const dynamic = 'force-dynamic';

// Tier fee rebates on the soroban rail by status, newest first, with why a failed one gave up.
export const GET = handler({ name: 'admin.loyalty.fee_rebates', auth: 'signed-in', query: feeRebatesQuery, response: feeRebatesPage }, async ({ viewer, query }) => {
  requirePermission(viewer, 'rewards.manage');
  return listFeeRebates(query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
