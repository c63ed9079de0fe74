import { z } from 'zod';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { adminMember } from '@/lib/loyalty/admin';

export const dynamic = 'force-dynamic';

// A member's rewards as a rewards manager sees them: the summary and the latest ledger rows.
const params = z.object({ id: z.uuid('must be a user id') });

export const GET = handler({ name: 'admin.loyalty.member', auth: 'signed-in', params }, async ({ viewer, params }) => {
  requirePermission(viewer, 'rewards.manage');
  return { data: await adminMember(params.id) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
