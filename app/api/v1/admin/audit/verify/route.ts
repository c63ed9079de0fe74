import { chainVerdict } from '@/lib/admin/answers';
import { verifyAuditChain } from '@/lib/admin/audit';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Walks the audit hash chain: { ok, checked, first_broken_id }.
export const GET = handler({ name: 'admin.audit.verify', auth: 'signed-in', response: chainVerdict }, async ({ viewer }) => {
  requirePermission(viewer, 'audit.read');
  return verifyAuditChain();
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
