import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { loyaltyStats } from '@/lib/loyalty/account';
import { statsAnswer } from '@/lib/loyalty/answers';

export const dynamic = 'force-dynamic';

// The viewer's charts: points by month and source (12 months), tier credits over this year.
export const GET = handler({ name: 'loyalty.stats', auth: 'signed-in', response: statsAnswer }, async ({ viewer }) => ({ data: await loyaltyStats(viewer.id) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
