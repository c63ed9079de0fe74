import { z } from 'zod';
import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { runAirdrop, runQuery } from '@/lib/loyalty/airdrops';
import { airdropAnswer } from '@/lib/loyalty/answers';

export const dynamic = 'force-dynamic';

// Credits the next `?limit=` (default 10) queued recipients of a batch and answers the batch: the
// console calls it until `status` is done, showing progress between calls. Safe to call twice at
// once or after the batch is done (nobody is credited twice).
const params = z.object({ id: z.uuid('must be a batch id') });

export const POST = handler({ name: 'admin.loyalty.airdrops.run', auth: 'signed-in', params, query: runQuery, response: airdropAnswer }, async ({ req, requestId, viewer, params, query }) => {
  const acting = requirePermission(viewer, 'rewards.manage');
  return { data: await runAirdrop(auditContext(acting, req, requestId, null), params.id, query.limit) };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
