import { z } from 'zod';
import { dataOf, describes, pageOf, timestamp } from '@/lib/openapi/answers';
import type { AdminMember, Adjustment } from './admin';
import type { Campaign } from './campaigns';
import type { ReconciliationRun } from './chain-reconcile';
import { MISMATCH_KINDS, type ReconciliationReport } from './chain-reconcile-admin';
import { CHAIN_SYNC_STATUSES, type ChainSyncRow, type listChainSyncs } from './chain-sync-admin';
import type { EarnPreview } from './earn';
import { FEE_REBATE_STATUSES, type AdminFeeRebate, type listFeeRebates } from './fee-rebates-admin';
import type {
  Airdrop, AirdropRecipient, LeaderboardPage, LoyaltyBadges, LoyaltyEntry, LoyaltyHistoryPage, LoyaltyHistoryRows, LoyaltyReferrals,
  LoyaltyStats, LoyaltySummary, LoyaltyTier, ProfileSettings, PublicProfile, ReferralClaim, TierBenefits,
} from './types';

// What /api/v1/loyalty and /api/v1/admin/loyalty answer, as schemas for the OpenAPI document
// (lib/openapi/answers.ts). Points and tier credits are whole numbers; governed rates and
// multipliers (95_loyalty.sql reads them from numeric parameters) may have decimals.

// Ids are UUIDs; z.guid() (any 8-4-4-4-12 hex) because seeded and dev accounts need not be version 4.
const id = z.guid();
const count = z.number().int();
const tier = describes<LoyaltyTier>()(z.enum(['blue', 'silver', 'gold', 'platinum']));
/** A calendar month, `YYYY-MM`. */
const month = z.string().regex(/^[0-9]{4}-[0-9]{2}$/);
const tierGoal = z.object({ tier, threshold: z.number(), needed: z.number() });

const benefits = describes<TierBenefits>()(z.object({
  tier, fee_discount_bps: count, extra_bags: count, free_seat_selection: z.boolean(), refund_priority: count,
}));

export const loyaltySummary = describes<LoyaltySummary>()(z.object({
  member: z.boolean(),
  tier,
  tier_until: timestamp.nullable(),
  referral_code: z.string().nullable(),
  points: z.object({ active: count, pending: count }),
  points_held: count,
  points_redeemable: count,
  tier_credits: z.object({ this_year: count, pending: count, window_ends_at: timestamp, days_left: count }),
  thresholds: z.object({ silver: z.number(), gold: z.number(), platinum: z.number() }),
  next_tier: tierGoal.nullable(),
  keep_tier: tierGoal.nullable(),
  multipliers: z.object({ blue: z.number(), silver: z.number(), gold: z.number(), platinum: z.number() }),
  redemption: z.object({ points_per_usd: z.number() }),
  benefits,
  points_expire_at: timestamp.nullable(),
  expiry_notice: z.boolean(),
  last_activity_at: timestamp.nullable(),
  joined_at: timestamp.nullable(),
}));

export const loyaltyEntry = describes<LoyaltyEntry>()(z.object({
  id: count,
  kind: z.enum(['pending', 'earned', 'activated', 'reversed', 'redeemed', 'returned', 'expired', 'spent']),
  currency: z.enum(['points', 'tier_credits']),
  amount: count,
  state: z.enum(['pending', 'active']),
  reason: z.string(),
  source: z.string(),
  source_ref: z.string().nullable(),
  occurred_at: timestamp,
}));

export const historyPage = describes<LoyaltyHistoryPage>()(pageOf(loyaltyEntry));

export const loyaltyStats = describes<LoyaltyStats>()(z.object({
  points_by_month: z.array(z.object({ month, by_source: z.record(z.string(), count) })),
  tier_credits_by_month: z.array(z.object({ month, earned: count, total: count })),
}));

export const earnPreview = describes<EarnPreview>()(z.object({
  points: count,
  tier_credits: count,
  tier: z.string(),
  tier_multiplier: z.number(),
  fare_family: z.string(),
  fare_family_multiplier: z.number(),
  points_per_usd: z.number(),
  tier_credits_per_usd: z.number(),
  fare_minor: count,
  currency: z.string(),
}));

export const badges = describes<LoyaltyBadges>()(z.object({
  data: z.array(z.object({
    code: z.string(),
    name: z.string(),
    description: z.string(),
    measure: z.enum(['trips', 'flights', 'countries', 'long_haul', 'night_flights', 'referrals', 'manual']),
    goal: count,
    progress: count,
    earned_at: timestamp.nullable(),
    source: z.enum(['earned', 'airdrop']).nullable(),
    spent: z.boolean(),
  })),
  unspent: count,
  upgrade_cost: count,
}));

export const referrals = describes<{ data: LoyaltyReferrals; nextCursor: string | null }>()(z.object({
  data: z.object({
    code: z.string().nullable(),
    referred_by: z.object({ status: z.enum(['claimed', 'rewarded']), claimed_at: timestamp, points: count }).nullable(),
    referees: z.array(z.object({
      name: z.string(), status: z.enum(['joined', 'rewarded', 'capped']), points: count, claimed_at: timestamp, rewarded_at: timestamp.nullable(),
    })),
    this_year: z.object({ rewarded: count, cap: count }),
    bonus: z.object({ referrer: count, referee: count }),
  }),
  nextCursor: z.string().nullable(),
}));

export const referralClaim = describes<ReferralClaim>()(z.object({
  referrer_id: id,
  referee_id: id,
  code: z.string(),
  status: z.enum(['claimed', 'rewarded']),
  referee_points: count,
  referrer_points: count,
  referrer_capped: z.boolean(),
  booking_id: id.nullable(),
  claimed_at: timestamp,
  rewarded_at: timestamp.nullable(),
  replayed: z.boolean(),
}));

export const profileSettings = describes<ProfileSettings>()(z.object({ public: z.boolean(), handle: z.string().nullable() }));

export const publicProfile = describes<PublicProfile>()(z.object({
  handle: z.string(),
  tier,
  trips: count,
  tier_credits: z.object({ year: count, total: count }),
  badges: z.array(z.object({ code: z.string(), name: z.string(), description: z.string() })),
  member_since: month,
}));

export const leaderboard = describes<LeaderboardPage>()(z.object({
  year: count,
  members: count,
  data: z.array(z.object({ rank: count, handle: z.string(), tier, tier_credits: count, trips: count })),
  nextCursor: z.string().nullable(),
}));

// The rewards manager's side.

const historyRows = describes<LoyaltyHistoryRows>()(z.object({ data: z.array(loyaltyEntry), next_cursor: count.nullable() }));

export const adminMember = describes<AdminMember>()(z.object({ user_id: id, summary: loyaltySummary, history: historyRows }));

export const adjustment = describes<Adjustment>()(z.object({ entry_id: count, points: count, points_active: count, replayed: z.boolean() }));

export const campaign = describes<Campaign>()(z.object({
  id: count,
  name: z.string(),
  kind: z.enum(['multiplier', 'fixed']),
  value: z.number(),
  starts_at: timestamp,
  ends_at: timestamp,
  origin: z.string().nullable(),
  destination: z.string().nullable(),
  airline: z.string().nullable(),
  cabin: z.string().nullable(),
  fare_family: z.string().nullable(),
  status: z.enum(['scheduled', 'running', 'ended']),
  created_by: id.nullable(),
  created_at: timestamp,
}));

const airdropRecipient = describes<AirdropRecipient>()(z.object({
  seq: count,
  recipient: z.string(),
  user_id: id.nullable(),
  result: z.enum(['queued', 'credited', 'unknown', 'duplicate', 'refused']),
  reason: z.string().nullable(),
  entry_id: count.nullable(),
  done_at: timestamp.nullable(),
}));

const airdropFields = {
  id,
  kind: z.enum(['points', 'badge']),
  points: count.nullable(),
  badge: z.string().nullable(),
  reason: z.string(),
  status: z.enum(['running', 'done']),
  created_by: id.nullable(),
  created_at: timestamp,
  finished_at: timestamp.nullable(),
  progress: z.object({ total: count, done: count, credited: count, unknown: count, duplicate: count, refused: count }),
};

export const airdrop = describes<Airdrop>()(z.object({ ...airdropFields, recipients: z.array(airdropRecipient) }));
/** A batch in the list: everything but its recipients. */
export const airdropSummary = describes<Omit<Airdrop, 'recipients'>>()(z.object(airdropFields));

const chainSyncStatus = z.enum(CHAIN_SYNC_STATUSES);

export const chainSyncRow = describes<ChainSyncRow>()(z.object({
  member_id: id,
  version: count,
  synced_version: count,
  status: chainSyncStatus,
  sent_version: count.nullable(),
  address: z.string().nullable(),
  points: count.nullable(),
  tier: z.string().nullable(),
  tx_hash: z.string().nullable(),
  attempts: count,
  error: z.string().nullable(),
  updated_at: timestamp,
}));

/** How many rows are in each status (a status with none is absent). */
const countsBy = <T extends readonly [string, ...string[]]>(statuses: T) =>
  z.object(Object.fromEntries(statuses.map((s) => [s, count.optional()])) as { [K in T[number]]: z.ZodOptional<typeof count> });

export const chainSyncsPage = describes<Awaited<ReturnType<typeof listChainSyncs>>>()(z.object({ counts: countsBy(CHAIN_SYNC_STATUSES), data: z.array(chainSyncRow), nextCursor: z.string().nullable() }));

export const feeRebate = describes<AdminFeeRebate>()(z.object({
  chain_booking_id: z.string(),
  member_id: id,
  pnr: z.string(),
  release_tx: z.string(),
  fee_minor: count,
  tier,
  bps: count,
  amount_minor: count,
  currency: z.string(),
  address: z.string(),
  status: z.enum(FEE_REBATE_STATUSES),
  tx_hash: z.string().nullable(),
  submitted_at: timestamp.nullable(),
  attempts: count,
  error: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
}));

export const feeRebatesPage = describes<Awaited<ReturnType<typeof listFeeRebates>>>()(z.object({ counts: countsBy(FEE_REBATE_STATUSES), data: z.array(feeRebate), nextCursor: z.string().nullable() }));

const reconciliationRun = describes<ReconciliationRun>()(z.object({
  id: count,
  source: z.enum(['job', 'admin']),
  status: z.enum(['running', 'done', 'failed']),
  checked: count,
  in_step: count,
  in_flight: count,
  mismatched: count,
  error: z.string().nullable(),
  started_at: timestamp,
  finished_at: timestamp.nullable(),
}));

export const reconciliationReport = describes<ReconciliationReport>()(z.object({
  run: reconciliationRun.nullable(),
  running: reconciliationRun.nullable(),
  data: z.array(z.object({
    member_id: id,
    kinds: z.array(z.enum(MISMATCH_KINDS)),
    address: z.string(),
    engine: z.object({ points: count, tier, version: count, synced_version: count, sync_status: chainSyncStatus }),
    chain: z.object({ points: count, tier, sync_seq: count }).nullable(),
    sync_status_now: chainSyncStatus.nullable(),
    requeued_at: timestamp.nullable(),
    requeued_by: id.nullable(),
  })),
  nextCursor: z.string().nullable(),
}));

export const summaryAnswer = dataOf(loyaltySummary);
export const statsAnswer = dataOf(loyaltyStats);
export const earnAnswer = dataOf(earnPreview);
export const referralClaimAnswer = dataOf(referralClaim);
export const profileAnswer = dataOf(profileSettings);
export const publicProfileAnswer = dataOf(publicProfile);
/** GET /admin/loyalty/members/{id}: the member, and `nextCursor` for the history's next page. */
export const adminMemberAnswer = z.object({ data: adminMember, nextCursor: z.string().nullable() });
export const adjustmentAnswer = dataOf(adjustment);
export const campaignAnswer = dataOf(campaign);
export const campaignsPage = pageOf(campaign);
export const airdropAnswer = dataOf(airdrop);
export const airdropsPage = pageOf(airdropSummary);
export const chainSyncAnswer = dataOf(chainSyncRow);
export const feeRebateAnswer = dataOf(feeRebate);
