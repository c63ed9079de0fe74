import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/connect';
import { decodeCursor, encodeCursor, type PageQuery } from '@/lib/http/cursor';
import type { LoyaltyReferrals, ReferralClaim } from './types';

// Referrals: the member's code and referees, and claiming a code (supabase/routines/93_referrals.sql).
// The bonuses are paid by the loyalty consumer when the referee's first trip is flown.

export const REFERRAL_CODE = /^[0-9A-Fa-f]{8}$/;

export const claimSchema = z.object({
  code: z.string({ error: 'is required' }).trim().regex(REFERRAL_CODE, 'must be the 8 letters and digits of a referral link'),
});

const refereeCursor = z.object({ claimed_at: z.iso.datetime({ offset: true }), tie: z.string().regex(/^[0-9a-f]{32}$/) });

/**
 * The member's referrals page with one page of their referees, newest first (`nextCursor` pages
 * on); enrols the member first, so a new traveller has a code to share.
 */
export async function loyaltyReferrals(userId: string, query: PageQuery = { limit: 50 }): Promise<{ data: LoyaltyReferrals; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, refereeCursor);
  const database = await db();
  await database.call('loyalty_enrol', { user_id: userId });
  const { referees_next, ...data } = await database.call<LoyaltyReferrals & { referees_next: z.infer<typeof refereeCursor> | null }>(
    'loyalty_referrals', { user_id: userId, after, limit: query.limit });
  return { data, nextCursor: encodeCursor(referees_next) };
}

export async function claimReferral(userId: string, code: string): Promise<ReferralClaim> {
  return (await db()).call<ReferralClaim>('loyalty_claim_referral', { user_id: userId, code });
}

/** The link a member shares: the join page, which signs the referee in and claims the code. */
export function referralLink(origin: string, code: string): string {
  return new URL(`/loyalty/join/${encodeURIComponent(code)}`, origin).toString();
}
