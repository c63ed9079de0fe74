import { z } from 'zod';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { adminMember, adminMemberQuery } from '@/lib/loyalty/admin';
import { adminMemberAnswer } from '@/lib/loyalty/answers';

export const dynamic = 'force-dynamic';

// A member's rewards as a rewards manager sees them: the summary and a page of ledger rows,
// newest first; `cursor` (the previous page's nextCursor) and `limit` page the history.
const params = z.object({ id: z.uuid('must be a user id') });

export const GET = handler({ name: 'admin.loyalty.member', auth: 'signed-in', params, query: adminMemberQuery, response: adminMemberAnswer }, async ({ viewer, params, query }) => {
  requirePermission(viewer, 'rewards.manage');
  const member = await adminMember(params.id, query);
  return { data: member, nextCursor: member.history.next_cursor === null ? null : String(member.history.next_cursor) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
