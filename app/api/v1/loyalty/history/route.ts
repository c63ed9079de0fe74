import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { historyQuerySchema, loyaltyHistory } from '@/lib/loyalty/account';

export const dynamic = 'force-dynamic';

// The viewer's points history, newest first, with cursor paging and a kind filter.
export const GET = handler({ name: 'loyalty.history', auth: 'signed-in', query: historyQuerySchema }, async ({ viewer, query }) =>
  loyaltyHistory(viewer.id, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
