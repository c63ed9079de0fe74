import 'server-only';
import { db } from '@/lib/db/connect';
import type { LoyaltyBadges } from './types';

/** The member's badges grid: every badge with progress, and what a fare upgrade takes (94_badges.sql). */
export async function loyaltyBadges(userId: string): Promise<LoyaltyBadges> {
  return (await db()).call<LoyaltyBadges>('loyalty_badges', { user_id: userId });
}
