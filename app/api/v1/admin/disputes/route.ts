import { requirePermission } from '@/lib/admin/permissions';
import { disputesPage } from '@/lib/disputes/answers';
import { listDisputes } from '@/lib/disputes/desk';
import { listQuery } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// The support queue: every dispute, newest first, filtered by status and booking reference (cursor).
export const GET = handler({ name: 'admin.disputes.list', auth: 'signed-in', query: listQuery, response: disputesPage }, async ({ viewer, query }) => {
  requirePermission(viewer, 'disputes.manage');
  return listDisputes(viewer.id, true, query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
