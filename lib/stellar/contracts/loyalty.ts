import { contractCalls } from './calls';
import { address, i128, u64 } from './values';

// Loyalty points on chain (contracts/loyalty): a non-transferable balance the platform's syncer
// sets to the off-chain engine's figure. Each update carries the engine's version of the member
// (sync_seq), which must exceed the stored one, so a replayed or reordered sync is refused.

/** Tiers as the contract numbers them (its Tier enum). */
export const TIER = { member: 0, silver: 1, gold: 2, platinum: 3 } as const;
export type TierName = keyof typeof TIER;

/** Up to this many members per batch_sync_members (traqora_common::MAX_BATCH). */
export const MAX_SYNC_BATCH = 20;

export interface MemberSync {
  member: string;
  /** The member's points after this update (absolute, not a delta). */
  points: bigint;
  tier: TierName;
  syncSeq: bigint;
}

function update(u: MemberSync) {
  if (i128('points', u.points) < 0n) throw new RangeError('points must not be negative');
  if (!(u.tier in TIER)) throw new RangeError(`tier must be one of ${Object.keys(TIER).join(', ')}`);
  return { member: address('member', u.member), points: u.points, tier: TIER[u.tier], sync_seq: u64('sync seq', u.syncSeq) };
}

const loyaltyArgs = {
  sync_member: (syncer: string, u: MemberSync) => ({ syncer: address('syncer', syncer), update: update(u) }),
  batch_sync_members: (syncer: string, updates: MemberSync[]) => {
    if (updates.length === 0 || updates.length > MAX_SYNC_BATCH) throw new RangeError(`a batch holds 1 to ${MAX_SYNC_BATCH} members`);
    return { syncer: address('syncer', syncer), updates: updates.map(update) };
  },
  get_member: (member: string) => ({ member: address('member', member) }),
  tier_of: (member: string) => ({ member: address('member', member) }),
  balance: (account: string) => ({ account: address('account', account) }),
};

export interface LoyaltyResults {
  /** Per item: its index as `id` and 0, or the contract error that refused it. */
  batch_sync_members: { id: bigint; error: number }[];
  get_member: { points: bigint; tier: number; sync_seq: bigint; updated_at: bigint } | null;
  tier_of: number;
  balance: bigint;
}

export const loyalty = contractCalls<typeof loyaltyArgs, LoyaltyResults>('loyalty', loyaltyArgs);
