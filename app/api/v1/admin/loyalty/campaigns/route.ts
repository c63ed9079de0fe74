import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { idempotencyKey } from '@/lib/http/idempotency';
import { otherMethods } from '@/lib/http/methods';
import { campaignAnswer, campaignsPage } from '@/lib/loyalty/answers';
import { campaignListQuery, campaignSchema, createCampaign, listCampaigns } from '@/lib/loyalty/campaigns';

export const dynamic = 'force-dynamic';

// Loyalty campaigns: the list (newest first, by cursor) and creating one (audited).
export const GET = handler({ name: 'admin.loyalty.campaigns', auth: 'signed-in', query: campaignListQuery, response: campaignsPage }, async ({ viewer, query }) => {
  requirePermission(viewer, 'rewards.manage');
  return listCampaigns(query);
});

export const POST = handler({ name: 'admin.loyalty.campaigns.create', auth: 'signed-in', body: campaignSchema, response: campaignAnswer }, async ({ req, requestId, viewer, body }) => {
  const acting = requirePermission(viewer, 'rewards.manage');
  const key = idempotencyKey(req.headers);
  const { replayed, ...campaign } = await createCampaign(auditContext(acting, req, requestId, null), body, key);
  return Response.json({ data: campaign }, { status: replayed ? 200 : 201, headers: replayed ? { 'idempotent-replayed': 'true' } : {} });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
