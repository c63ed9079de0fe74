// Traqora Rewards as the API answers it (supabase/routines/95_loyalty.sql).

export type LoyaltyTier = 'blue' | 'silver' | 'gold' | 'platinum';

export interface LoyaltySummary {
  /** False until the traveller first earned (they are a Blue member with nothing yet). */
  member: boolean;
  tier: LoyaltyTier;
  /** Until when the tier holds without requalifying (the start of April; null for Blue). */
  tier_until: string | null;
  referral_code: string | null;
  points: { active: number; pending: number };
  /** Active tier credits this calendar year (UTC), what is still pending, and the window's end. */
  tier_credits: { this_year: number; pending: number; window_ends_at: string; days_left: number };
  thresholds: Record<Exclude<LoyaltyTier, 'blue'>, number>;
  /** The next tier up and the credits still needed for it this year; null at Platinum. */
  next_tier: { tier: LoyaltyTier; threshold: number; needed: number } | null;
  /** The credits this year that keep the current tier at requalification; null for Blue. */
  keep_tier: { tier: LoyaltyTier; threshold: number; needed: number } | null;
  /** Points multiplier by tier (governed). */
  multipliers: Record<LoyaltyTier, number>;
  redemption: { points_per_usd: number };
  /** When the active points expire without an earn or a spend; null when there are none. */
  points_expire_at: string | null;
  /** The expiry is within 30 days: the dashboard says so. */
  expiry_notice: boolean;
  last_activity_at: string | null;
  joined_at: string | null;
}

/**
 * pending: went pending on payment; earned: became active; activated: left pending when it did;
 * reversed: taken back; redeemed: paid a fare; returned: a cancelled redemption's points back; expired.
 */
export type LoyaltyEntryKind = 'pending' | 'earned' | 'activated' | 'reversed' | 'redeemed' | 'returned' | 'expired' | 'spent';

/** The kinds GET /loyalty/history filters by. */
export const HISTORY_KINDS = ['earned', 'pending', 'redeemed', 'returned', 'expired', 'reversed'] as const;

export interface LoyaltyEntry {
  id: number;
  kind: LoyaltyEntryKind;
  currency: 'points' | 'tier_credits';
  amount: number;
  state: 'pending' | 'active';
  reason: string;
  source: string;
  source_ref: string | null;
  occurred_at: string;
}

/** What loyalty_history answers: the cursor is the last row's id. */
export interface LoyaltyHistoryRows {
  data: LoyaltyEntry[];
  next_cursor: number | null;
}

export interface LoyaltyHistoryPage {
  data: LoyaltyEntry[];
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
}

/** GET /loyalty/stats: the loyalty page's charts. */
export interface LoyaltyStats {
  /** The last 12 months, oldest first: net points by source (reversals and redemptions negative). */
  points_by_month: { month: string; by_source: Record<string, number> }[];
  /** This calendar year's months so far: active tier credits earned in the month and the running total. */
  tier_credits_by_month: { month: string; earned: number; total: number }[];
}
