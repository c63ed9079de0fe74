import { auditContext } from '@/lib/admin/audit-context';
import { proposal } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { pressQueue } from '@/lib/governance/press';
import { proposalIdParams } from '@/lib/governance/schemas';

export const dynamic = 'force-dynamic';

// Anyone signed in may queue a succeeded parameter proposal into the timelock (the job does too);
// on the soroban rail the server sends `queue` to the governor once the governor says Succeeded.
export const POST = handler({ name: 'governance.queue', auth: 'signed-in', params: proposalIdParams, response: proposal }, async ({ req, viewer, params, requestId }) => {
  const role = viewer.roles.find((r) => r.role === 'admin')?.role ?? viewer.roles[0]?.role ?? 'traveller';
  return pressQueue(auditContext({ viewer, role }, req, requestId), params.id);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
