// Traqora Rewards as the API answers it (supabase/routines/95_loyalty.sql).

export type LoyaltyTier = 'blue' | 'silver' | 'gold' | 'platinum';

export interface LoyaltySummary {
  /** False until the traveller first earned (they are a Blue member with nothing yet). */
  member: boolean;
  tier: LoyaltyTier;
  referral_code: string | null;
  points: { active: number; pending: number };
  tier_credits: { this_year: number; pending: number; window_ends_at: string };
  last_activity_at: string | null;
  joined_at: string | null;
}

/** pending: went pending on payment; earned: became active; activated: left pending when it did; reversed: taken back. */
export type LoyaltyEntryKind = 'pending' | 'earned' | 'activated' | 'reversed' | 'spent';

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
