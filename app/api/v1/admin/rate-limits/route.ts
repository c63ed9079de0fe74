import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { addRateLimitRule, listRateLimitRules } from '@/lib/rate-limit/admin';
import { rateLimitRuleAnswer, rateLimitRulesAnswer } from '@/lib/rate-limit/answers';
import { ruleSchema } from '@/lib/rate-limit/schema';

export const dynamic = 'force-dynamic';

// The rate limiter's allow list (never counted) and deny list (refused with 403), as CIDR
// networks; every change audited.
const body = ruleSchema;

export const GET = handler({ name: 'admin.rate-limits.list', auth: 'signed-in', response: rateLimitRulesAnswer }, async ({ viewer }) => {
  requirePermission(viewer, 'rate_limits.manage');
  return { data: await listRateLimitRules() };
});

export const POST = handler({ name: 'admin.rate-limits.add', auth: 'signed-in', body, response: rateLimitRuleAnswer }, async ({ req, requestId, viewer, body }) => {
  const acting = requirePermission(viewer, 'rate_limits.manage');
  return Response.json({ data: await addRateLimitRule(auditContext(acting, req, requestId, body.note), body) }, { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
