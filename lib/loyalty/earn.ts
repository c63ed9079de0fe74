import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/connect';

// What a fare earns the viewer at their tier now (checkout's "you will earn"): the same
// traqora.loyalty_earn the loyalty consumer posts with, so the figure shown is the one earned
// (campaign bonuses, which depend on when the booking is paid, come on top).

export const earnQuery = z.object({
  /** The fare the traveller pays in money, taxes excluded (points that pay part of it earn nothing). */
  base_minor: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be zero or more').max(100_000_000, 'is too large'),
  fare_family: z.string({ error: 'is required' }).regex(/^[a-z_]{1,30}$/, 'must be a fare family code'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code').default('USD'),
});

/** What traqora.loyalty_earn answers (95_loyalty.sql): the figures and the rates that made them. */
export interface EarnPreview {
  points: number;
  tier_credits: number;
  tier: string;
  tier_multiplier: number;
  fare_family: string;
  fare_family_multiplier: number;
  points_per_usd: number;
  tier_credits_per_usd: number;
  /** The fare that earns: 0 in a currency other than USD (no rates per currency yet). */
  fare_minor: number;
  currency: string;
}

export async function earnPreview(userId: string, q: z.output<typeof earnQuery>): Promise<EarnPreview> {
  return (await db()).call<EarnPreview>('loyalty_earn_preview', { user_id: userId, base_minor: q.base_minor, fare_family: q.fare_family, currency: q.currency });
}
