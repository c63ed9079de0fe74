import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { airdropListQuery, airdropSchema, createAirdrop, listAirdrops } from '@/lib/loyalty/airdrops';
import { airdropAnswer, airdropsPage } from '@/lib/loyalty/answers';

export const dynamic = 'force-dynamic';

// Airdrop batches: the list (newest first, by cursor) and sending one. The body's batch_id is the
// batch's idempotency key: 201 created (queued; POST …/{id}/run credits it) · 200 the same batch
// again (as it stands, nobody credited twice) · 409 that id with another ask · 422 over 50 recipients.
export const GET = handler({ name: 'admin.loyalty.airdrops', auth: 'signed-in', query: airdropListQuery, response: airdropsPage }, async ({ viewer, query }) => {
  requirePermission(viewer, 'rewards.manage');
  return listAirdrops(query);
});

export const POST = handler({ name: 'admin.loyalty.airdrops.create', auth: 'signed-in', body: airdropSchema, response: airdropAnswer }, async ({ req, requestId, viewer, body }) => {
  const acting = requirePermission(viewer, 'rewards.manage');
  const { replayed, ...batch } = await createAirdrop(auditContext(acting, req, requestId, body.reason), body);
  return Response.json({ data: batch }, { status: replayed ? 200 : 201, headers: replayed ? { 'idempotent-replayed': 'true' } : {} });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
