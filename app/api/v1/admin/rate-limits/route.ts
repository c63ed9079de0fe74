import { isIP } from 'node:net';
import { z } from 'zod';
import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { addRateLimitRule, listRateLimitRules } from '@/lib/rate-limit/admin';

export const dynamic = 'force-dynamic';

// The rate limiter's allow list (never counted) and deny list (refused with 403), as CIDR
// networks; every change audited.
const cidr = z.string().trim().max(64).refine((v) => {
  const [network, bits, extra] = v.split('/');
  const family = isIP(network ?? '');
  return extra === undefined && family !== 0 && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32)));
}, 'must be an IPv4 or IPv6 network such as 203.0.113.0/24');
const body = z.object({
  cidr,
  action: z.enum(['allow', 'deny'], { error: 'must be allow or deny' }),
  note: z.string().trim().max(200, 'at most 200 characters').optional(),
});

export const GET = handler({ name: 'admin.rate-limits.list', auth: 'signed-in' }, async ({ viewer }) => {
  requirePermission(viewer, 'rate_limits.manage');
  return { data: await listRateLimitRules() };
});

export const POST = handler({ name: 'admin.rate-limits.add', auth: 'signed-in', body }, async ({ req, requestId, viewer, body }) => {
  const acting = requirePermission(viewer, 'rate_limits.manage');
  return Response.json({ data: await addRateLimitRule(auditContext(acting, req, requestId, body.note), body) }, { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
