import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/connect';
import type { LoyaltyReferrals, ReferralClaim } from './types';

// Referrals: the member's code and referees, and claiming a code (supabase/routines/93_referrals.sql).
// The bonuses are paid by the loyalty consumer when the referee's first trip is flown.

export const REFERRAL_CODE = /^[0-9A-Fa-f]{8}$/;

export const claimSchema = z.object({
  code: z.string({ error: 'is required' }).trim().regex(REFERRAL_CODE, 'must be the 8 letters and digits of a referral link'),
});

/** The member's referrals page; enrols the member first, so a new traveller has a code to share. */
export async function loyaltyReferrals(userId: string): Promise<LoyaltyReferrals> {
  const database = await db();
  await database.call('loyalty_enrol', { user_id: userId });
  return database.call<LoyaltyReferrals>('loyalty_referrals', { user_id: userId });
}

export async function claimReferral(userId: string, code: string): Promise<ReferralClaim> {
  return (await db()).call<ReferralClaim>('loyalty_claim_referral', { user_id: userId, code });
}

/** The link a member shares: the join page, which signs the referee in and claims the code. */
export function referralLink(origin: string, code: string): string {
  return new URL(`/loyalty/join/${encodeURIComponent(code)}`, origin).toString();
}
