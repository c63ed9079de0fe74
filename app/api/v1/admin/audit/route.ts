import { z } from 'zod';
import { listAudit } from '@/lib/admin/audit';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// The audit trail, newest first, filtered by actor, action, resource and time.
// Times PostgreSQL cannot hold (year 0, +275760) are a 400, not a database error.
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
  .refine((v) => Date.parse(v) >= Date.UTC(1970, 0, 1) && Date.parse(v) < Date.UTC(10000, 0, 1), 'must be between 1970 and 9999');
const query = z.object({
  actor: z.uuid('must be a user id').optional(),
  action: z.string().trim().regex(/^[a-z_]+(\.[a-z_]+)+$/, 'must be an action such as user.suspended').optional(),
  resource_type: z.string().trim().regex(/^[a-z_]{1,40}$/, 'must be a resource type such as user').optional(),
  resource_id: z.string().trim().min(1).max(100, 'at most 100 characters').optional(),
  from: instant.optional(),
  to: instant.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1, 'must be 1 to 200').max(200, 'must be 1 to 200').optional(),
});

export const GET = handler({ name: 'admin.audit.list', auth: 'signed-in', query }, async ({ viewer, query }) => {
  requirePermission(viewer, 'audit.read');
  return listAudit(query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
