import { auditCsv } from '@/lib/admin/audit-csv';
import { csvHeaders } from '@/lib/admin/csv';
import { requirePermission } from '@/lib/admin/permissions';
import { auditQuery } from '@/lib/admin/query';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// The filtered audit trail as CSV (same filters as /api/v1/admin/audit), streamed page by page.
export const GET = handler({ name: 'admin.audit.csv', auth: 'signed-in', query: auditQuery, produces: 'text/csv' }, async ({ viewer, query }) => {
  requirePermission(viewer, 'audit.read');
  const filter = { ...query, cursor: undefined, limit: undefined };
  const day = new Date().toISOString().slice(0, 10);
  return new Response(await auditCsv(filter), { headers: csvHeaders(`traqora-audit-${day}.csv`) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
