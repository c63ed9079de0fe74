import { pageQuery } from '@/lib/http/cursor';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { referralClaimAnswer, referrals } from '@/lib/loyalty/answers';
import { claimReferral, claimSchema, loyaltyReferrals } from '@/lib/loyalty/referrals';

export const dynamic = 'force-dynamic';

// The viewer's referral code and the travellers they referred, a page at a time (GET: `cursor`,
// `limit`, `nextCursor` for the referees); claiming another member's
// code as a new traveller (POST: 201 claimed · 200 the same code claimed again, nothing written ·
// 4xx naming `code` for one's own code, a shared wallet, a second referrer, a traveller who has flown).
export const GET = handler({ name: 'loyalty.referrals', auth: 'signed-in', query: pageQuery, response: referrals }, async ({ viewer, query }) => loyaltyReferrals(viewer.id, query));

export const POST = handler({ name: 'loyalty.referrals.claim', auth: 'signed-in', body: claimSchema, response: referralClaimAnswer }, async ({ viewer, body }) => {
  const claim = await claimReferral(viewer.id, body.code);
  return Response.json({ data: claim }, { status: claim.replayed ? 200 : 201, headers: claim.replayed ? { 'idempotent-replayed': 'true' } : {} });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
