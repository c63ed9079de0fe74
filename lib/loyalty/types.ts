// Traqora Rewards as the API answers it (supabase/routines/95_loyalty.sql).

export type LoyaltyTier = 'blue' | 'silver' | 'gold' | 'platinum';

/** A tier's benefits (governed parameters loyalty.fee_discount / extra_bags / free_seat_selection). */
export interface TierBenefits {
  tier: LoyaltyTier;
  /** Share of the platform fee given back at release, in basis points of the fee. */
  fee_discount_bps: number;
  extra_bags: number;
  free_seat_selection: boolean;
  /** 0 (Blue) … 3 (Platinum): refund review takes higher first. */
  refund_priority: number;
}

export interface LoyaltySummary {
  /** False until the traveller first earned (they are a Blue member with nothing yet). */
  member: boolean;
  tier: LoyaltyTier;
  /** Until when the tier holds without requalifying (the start of April; null for Blue). */
  tier_until: string | null;
  referral_code: string | null;
  points: { active: number; pending: number };
  /** Active points held for wallet payments in progress (a signed quote not yet paid or lapsed). */
  points_held: number;
  /** Active points that can be spent now: active less held. */
  points_redeemable: number;
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
  /** What the tier gives now: a share of the platform fee back at release, extra bags and free seats in the fare conditions, refund review priority. */
  benefits: TierBenefits;
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

/** A member's referrals page (GET /api/v1/loyalty/referrals; supabase/routines/93_referrals.sql). */
export interface LoyaltyReferrals {
  /** The member's code (null before they are enrolled; the API enrols on first read). */
  code: string | null;
  /** Who brought this member in: their claim and its status. */
  referred_by: { status: 'claimed' | 'rewarded'; claimed_at: string; points: number } | null;
  /** Travellers this member referred, newest first: first name and initial only. */
  referees: { name: string; status: 'joined' | 'rewarded' | 'capped'; points: number; claimed_at: string; rewarded_at: string | null }[];
  this_year: { rewarded: number; cap: number };
  bonus: { referrer: number; referee: number };
}

/** The result of claiming a referral code. */
export interface ReferralClaim {
  referrer_id: string;
  referee_id: string;
  code: string;
  status: 'claimed' | 'rewarded';
  /** The bonuses paid once the referee flew (0 until then; the referrer's 0 when capped). */
  referee_points: number;
  referrer_points: number;
  /** The referrer's yearly cap was reached when the referee flew: no bonus for them. */
  referrer_capped: boolean;
  /** The referee's first flown trip, which rewarded the referral; null until then. */
  booking_id: string | null;
  claimed_at: string;
  rewarded_at: string | null;
  /** The same code claimed before: the first claim, nothing written again. */
  replayed: boolean;
}

/** One badge with the member's progress (GET /api/v1/loyalty/badges; supabase/routines/94_badges.sql). */
export interface LoyaltyBadge {
  code: string;
  name: string;
  description: string;
  measure: 'trips' | 'flights' | 'countries' | 'long_haul' | 'night_flights' | 'referrals' | 'manual';
  goal: number;
  /** Towards the goal, at most the goal (the goal once held). */
  progress: number;
  earned_at: string | null;
  source: 'earned' | 'airdrop' | null;
  /** Spent on a fare upgrade. */
  spent: boolean;
}

export interface LoyaltyBadges {
  data: LoyaltyBadge[];
  /** Badges held and not spent. */
  unspent: number;
  /** Unspent badges a Basic → Standard upgrade takes (loyalty.badges_per_upgrade). */
  upgrade_cost: number;
}

/** An airdrop batch (GET /api/v1/admin/loyalty/airdrops/{id}; supabase/routines/95_airdrops.sql). */
export interface Airdrop {
  id: string;
  kind: 'points' | 'badge';
  points: number | null;
  badge: string | null;
  reason: string;
  status: 'running' | 'done';
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
  progress: { total: number; done: number; credited: number; unknown: number; duplicate: number; refused: number };
  recipients: AirdropRecipient[];
}

export interface AirdropRecipient {
  seq: number;
  /** As given: a wallet address, an email or a member id. */
  recipient: string;
  user_id: string | null;
  result: 'queued' | 'credited' | 'unknown' | 'duplicate' | 'refused';
  reason: string | null;
  entry_id: number | null;
  done_at: string | null;
}

/** The viewer's own public-profile settings (private by default). */
export interface ProfileSettings {
  public: boolean;
  /** Reserved to the member once chosen, even while the profile is private. */
  handle: string | null;
}

/** What a published profile shows, and all it shows: nothing private (95_loyalty.sql loyalty_public_json). */
export interface PublicProfile {
  handle: string;
  tier: LoyaltyTier;
  /** Completed (flown) trips. */
  trips: number;
  /** Active tier credits earned in this calendar year (UTC). */
  tier_credits: { year: number; total: number };
  badges: { code: string; name: string; description: string }[];
  /** The month the member joined, YYYY-MM. */
  member_since: string;
}

export interface LeaderboardEntry {
  /** Equal tier credits, equal rank. */
  rank: number;
  handle: string;
  tier: LoyaltyTier;
  tier_credits: number;
  trips: number;
}

export interface LeaderboardPage {
  year: number;
  /** Published members on the board (all pages). */
  members: number;
  data: LeaderboardEntry[];
  nextCursor: string | null;
}

/** The tier share of the platform fee paid back after an on-chain release (95_loyalty.sql). */
export interface FeeRebate {
  chain_booking_id: string;
  pnr: string;
  fee_minor: number;
  tier: LoyaltyTier;
  bps: number;
  amount_minor: number;
  currency: string;
  /** The account that paid the booking, which the rebate goes to. */
  address: string;
  status: 'pending' | 'submitted' | 'confirmed' | 'failed';
  tx_hash: string | null;
  release_tx: string;
}
