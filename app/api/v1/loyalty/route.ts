import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { loyaltySummary } from '@/lib/loyalty/account';
import { summaryAnswer } from '@/lib/loyalty/answers';

export const dynamic = 'force-dynamic';

// The viewer's Traqora Rewards: active and pending points, tier credits this year, tier.
export const GET = handler({ name: 'loyalty.summary', auth: 'signed-in', response: summaryAnswer }, async ({ viewer }) => ({ data: await loyaltySummary(viewer.id) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
