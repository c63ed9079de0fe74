import { z } from 'zod';
import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { removeRateLimitRule } from '@/lib/rate-limit/admin';
import { rateLimitRuleAnswer } from '@/lib/rate-limit/answers';

export const dynamic = 'force-dynamic';

const params = z.object({ id: z.string().regex(/^[1-9]\d{0,14}$/, 'must be a rule id').transform(Number) });

export const DELETE = handler({ name: 'admin.rate-limits.remove', auth: 'signed-in', params, response: rateLimitRuleAnswer }, async ({ req, requestId, viewer, params }) => {
  const acting = requirePermission(viewer, 'rate_limits.manage');
  return { data: await removeRateLimitRule(auditContext(acting, req, requestId), params.id) };
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods('DELETE');
