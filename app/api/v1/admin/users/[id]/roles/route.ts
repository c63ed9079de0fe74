import { z } from 'zod';
import { adminUser } from '@/lib/admin/answers';
import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { grantRole, revokeRole } from '@/lib/admin/users';
import { ROLES } from '@/lib/auth/types';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { dataOf } from '@/lib/openapi/answers';

export const dynamic = 'force-dynamic';

// Grant (POST) or revoke (DELETE) one role; audited, emitting user.role_granted / role_revoked.
const params = z.object({ id: z.uuid('must be a user id') });
const body = z.object({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
  airline: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2}$/, 'must be a 2-character IATA airline code').nullish(),
  reason: z.string().trim().max(500, 'at most 500 characters').optional(),
});

export const POST = handler({ name: 'admin.user-roles.grant', auth: 'signed-in', params, body, response: dataOf(adminUser) }, async ({ req, requestId, viewer, params, body }) => {
  const acting = requirePermission(viewer, 'roles.grant');
  const user = await grantRole(auditContext(acting, req, requestId, body.reason), params.id, body.role, body.airline ?? null);
  return Response.json({ data: user }, { status: 201 });
});

export const DELETE = handler({ name: 'admin.user-roles.revoke', auth: 'signed-in', params, body, response: dataOf(adminUser) }, async ({ req, requestId, viewer, params, body }) => {
  const acting = requirePermission(viewer, 'roles.grant');
  return { data: await revokeRole(auditContext(acting, req, requestId, body.reason), params.id, body.role, body.airline ?? null) };
});

export const { GET, PUT, PATCH, OPTIONS } = otherMethods('POST', 'DELETE');
