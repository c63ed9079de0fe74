import { describe, expect, it } from 'vitest';
import { loyaltyParameterGroups } from '@/lib/loyalty/parameters-view';
import type { GovernedParameter } from '@/lib/parameters/types';

const param = (key: string): GovernedParameter => ({
  key, value: 1, unit: 'count', min: 0, max: 10, integral: true, description: key, updated_at: '2026-12-01T00:00:00Z', updated_by: null, last_change: null,
});

describe('loyaltyParameterGroups (the Rewards console’s read-only rules)', () => {
  it('shows only loyalty keys, grouped, tiers and fare families in their natural order', () => {
    const keys = [
      'platform.fee_bps', 'loyalty.tier_threshold.platinum', 'loyalty.tier_threshold.silver', 'loyalty.tier_threshold.gold',
      'loyalty.tier_multiplier.gold', 'loyalty.tier_multiplier.blue', 'loyalty.earn_points_per_usd', 'loyalty.fare_family_multiplier.flex',
      'loyalty.fare_family_multiplier.basic', 'loyalty.tier_credits_per_usd', 'loyalty.redemption_points_per_usd', 'loyalty.points_expiry_months',
      'loyalty.referral_yearly_cap', 'loyalty.referral_bonus.referrer', 'loyalty.fee_discount.platinum', 'loyalty.fee_discount.silver',
      'refund.review_hours',
    ];
    const groups = loyaltyParameterGroups(keys.map(param));
    expect(groups.map((g) => [g.title, g.parameters.map((p) => p.key)])).toEqual([
      ['Earning', ['loyalty.earn_points_per_usd', 'loyalty.tier_credits_per_usd', 'loyalty.tier_multiplier.blue', 'loyalty.tier_multiplier.gold',
        'loyalty.fare_family_multiplier.basic', 'loyalty.fare_family_multiplier.flex']],
      ['Tiers', ['loyalty.tier_threshold.silver', 'loyalty.tier_threshold.gold', 'loyalty.tier_threshold.platinum']],
      ['Tier benefits', ['loyalty.fee_discount.silver', 'loyalty.fee_discount.platinum']],
      ['Redemption and expiry', ['loyalty.redemption_points_per_usd', 'loyalty.points_expiry_months']],
      ['Referrals', ['loyalty.referral_yearly_cap', 'loyalty.referral_bonus.referrer']],
    ]);
  });

  it('never hides a loyalty key no group names: it lands in Other', () => {
    const groups = loyaltyParameterGroups([param('loyalty.something_new'), param('loyalty.earn_points_per_usd')]);
    expect(groups.map((g) => g.title)).toEqual(['Earning', 'Other']);
    expect(groups[1].parameters.map((p) => p.key)).toEqual(['loyalty.something_new']);
  });
});
