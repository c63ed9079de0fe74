import { z } from 'zod';
import { adminUserPage } from '@/lib/admin/answers';
import { requirePermission } from '@/lib/admin/permissions';
import { listUsers } from '@/lib/admin/users';
import { ROLES } from '@/lib/auth/types';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Users for the console: filter by role and status, search name, email, wallet or id.
const query = z.object({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }).optional(),
  status: z.enum(['active', 'suspended'], { error: 'must be active or suspended' }).optional(),
  q: z.string().trim().min(1).max(100, 'at most 100 characters').optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1, 'must be 1 to 200').max(200, 'must be 1 to 200').optional(),
});

export const GET = handler({ name: 'admin.users.list', auth: 'signed-in', query, response: adminUserPage }, async ({ viewer, query }) => {
  requirePermission(viewer, 'users.read');
  return listUsers(query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
