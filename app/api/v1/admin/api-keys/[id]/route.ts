import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { setApiKeyPlan } from '@/lib/api-keys/admin';
import { adminApiKeyChangedAnswer } from '@/lib/api-keys/admin-answers';
import { keyIdParams, setPlanSchema } from '@/lib/api-keys/plan-schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Moves a key to another plan (`{ "plan": "partner", "reason": "…" }`), audited with the reason;
// the key's next request is counted on it. The plan must be one the configuration defines.
export const PATCH = handler({ name: 'admin.api-keys.set-plan', auth: 'signed-in', params: keyIdParams, body: setPlanSchema, response: adminApiKeyChangedAnswer },
  async ({ req, requestId, viewer, params, body }) => {
    const acting = requirePermission(viewer, 'rate_limits.manage');
    return { data: await setApiKeyPlan(auditContext(acting, req, requestId, body.reason), params.id, body.plan) };
  });

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods('PATCH');
