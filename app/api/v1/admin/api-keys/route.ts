import { requirePermission } from '@/lib/admin/permissions';
import { listAllApiKeys } from '@/lib/api-keys/admin';
import { adminApiKeysAnswer } from '@/lib/api-keys/admin-answers';
import { adminKeysQuery } from '@/lib/api-keys/plan-schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Every user's API keys with their owner, plan and last use, newest first (cursor-paged); `q`
// finds a key by name or prefix or an owner by name, email or id, `plan` keeps one plan's keys.
// Plans are rate limits: the same permission as the allow and deny lists.
export const GET = handler({ name: 'admin.api-keys.list', auth: 'signed-in', query: adminKeysQuery, response: adminApiKeysAnswer }, async ({ viewer, query }) => {
  requirePermission(viewer, 'rate_limits.manage');
  return listAllApiKeys(query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
