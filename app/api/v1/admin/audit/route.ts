import { auditPage } from '@/lib/admin/answers';
import { listAudit } from '@/lib/admin/audit';
import { requirePermission } from '@/lib/admin/permissions';
import { auditQuery as query } from '@/lib/admin/query';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// The audit trail, newest first, filtered by actor, action, resource and time.
// Times PostgreSQL cannot hold (year 0, +275760) are a 400, not a database error.
export const GET = handler({ name: 'admin.audit.list', auth: 'signed-in', query, response: auditPage }, async ({ viewer, query }) => {
  requirePermission(viewer, 'audit.read');
  return listAudit(query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
