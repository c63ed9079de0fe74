import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { settlementsPage } from '@/lib/settlements/answers';
import { listSettlements, settlementsQuery } from '@/lib/settlements/outbox';

export const dynamic = 'force-dynamic';

// The soroban rail's settlement outbox, newest first (cursor: the last id), with counts per status.
export const GET = handler({ name: 'admin.settlements.list', auth: 'signed-in', query: settlementsQuery, response: settlementsPage }, async ({ viewer, query }) => {
  requirePermission(viewer, 'settlements.manage');
  return listSettlements(query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
