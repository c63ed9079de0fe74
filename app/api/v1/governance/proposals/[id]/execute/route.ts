import { auditContext } from '@/lib/admin/audit-context';
import { proposal } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { pressExecute } from '@/lib/governance/press';
import { proposalIdParams } from '@/lib/governance/schemas';

export const dynamic = 'force-dynamic';

// Anyone signed in may execute a queued proposal once its timelock has run (the job does too);
// the audit row names them in the role they hold (an admin's first). On the soroban rail the
// server sends `execute` to the governor, and applies the parameters once it says Executed.
export const POST = handler({ name: 'governance.execute', auth: 'signed-in', params: proposalIdParams, response: proposal }, async ({ req, viewer, params, requestId }) => {
  const role = viewer.roles.find((r) => r.role === 'admin')?.role ?? viewer.roles[0]?.role ?? 'traveller';
  return pressExecute(auditContext({ viewer, role }, req, requestId), params.id);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
