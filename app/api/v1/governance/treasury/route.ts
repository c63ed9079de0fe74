import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { distribution, treasury } from '@/lib/governance/answers';
import { pageQuery } from '@/lib/http/cursor';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { distributeBody } from '@/lib/governance/schemas';
import { distribute, treasurySummary } from '@/lib/governance/trq';

export const dynamic = 'force-dynamic';

// The treasury (admins): its balance, the circulating supply and a page of its distributions,
// newest first ({ data, nextCursor }); POST airdrops TRQ to ≤ 50 accounts in one audited batch.
export const GET = handler({ name: 'governance.treasury', auth: 'signed-in', query: pageQuery, response: treasury }, async ({ viewer, query }) => {
  requirePermission(viewer, 'treasury.distribute');
  return treasurySummary(query);
});

export const POST = handler({ name: 'governance.distribute', auth: 'signed-in', body: distributeBody, response: distribution }, async ({ req, viewer, body, requestId }) => {
  const acting = requirePermission(viewer, 'treasury.distribute');
  return Response.json(await distribute(auditContext(acting, req, requestId, body.reason), body.reason, body.recipients), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
