import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { badges } from '@/lib/loyalty/answers';
import { loyaltyBadges } from '@/lib/loyalty/badges';

export const dynamic = 'force-dynamic';

// The viewer's badges with their progress, how many are unspent, and what a fare upgrade takes.
export const GET = handler({ name: 'loyalty.badges', auth: 'signed-in', response: badges }, async ({ viewer }) => {
  const { data, unspent, upgrade_cost } = await loyaltyBadges(viewer.id);
  return { data, unspent, upgrade_cost };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
