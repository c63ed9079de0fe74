import { z } from 'zod';
import { adminUser } from '@/lib/admin/answers';
import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { reinstateUser, suspendUser } from '@/lib/admin/users';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { dataOf } from '@/lib/openapi/answers';

export const dynamic = 'force-dynamic';

// Suspend (POST, with a reason) or reinstate (DELETE) an account; audited. A suspended user
// cannot sign in, book or pay; their bookings stay as they are.
const params = z.object({ id: z.uuid('must be a user id') });
const suspendBody = z.object({ reason: z.string().trim().min(3, 'must be 3 to 500 characters').max(500, 'must be 3 to 500 characters') });
const reinstateQuery = z.object({ reason: z.string().trim().max(500, 'at most 500 characters').optional() });

export const POST = handler({ name: 'admin.user-suspension.suspend', auth: 'signed-in', params, body: suspendBody, response: dataOf(adminUser) }, async ({ req, requestId, viewer, params, body }) => {
  const acting = requirePermission(viewer, 'users.suspend');
  return Response.json({ data: await suspendUser(auditContext(acting, req, requestId, body.reason), params.id) }, { status: 201 });
});

export const DELETE = handler({ name: 'admin.user-suspension.reinstate', auth: 'signed-in', params, query: reinstateQuery, response: dataOf(adminUser) }, async ({ req, requestId, viewer, params, query }) => {
  const acting = requirePermission(viewer, 'users.suspend');
  return { data: await reinstateUser(auditContext(acting, req, requestId, query.reason), params.id) };
});

export const { GET, PUT, PATCH, OPTIONS } = otherMethods('POST', 'DELETE');
