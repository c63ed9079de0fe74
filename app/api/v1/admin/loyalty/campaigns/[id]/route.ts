import { z } from 'zod';
import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { campaignAnswer } from '@/lib/loyalty/answers';
import { endCampaign } from '@/lib/loyalty/campaigns';

export const dynamic = 'force-dynamic';

// Ends a campaign now (audited): bookings paid from now on earn no bonus from it.
const params = z.object({ id: z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a campaign id').transform(Number) });

export const DELETE = handler({ name: 'admin.loyalty.campaigns.end', auth: 'signed-in', params, response: campaignAnswer }, async ({ req, requestId, viewer, params }) => {
  const acting = requirePermission(viewer, 'rewards.manage');
  return { data: await endCampaign(auditContext(acting, req, requestId, null), params.id) };
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods('DELETE');
