import type { GovernedParameter } from '@/lib/parameters/types';

// The Rewards console's read-only view of the programme's governed parameters: the loyalty keys
// of the one parameters table (supabase/routines/12_parameters.sql), grouped as a rewards manager
// reads the programme. Governance changes them (TRQ proposals), never this console.

export interface ParameterGroup<P extends GovernedParameter = GovernedParameter> {
  title: string;
  parameters: P[];
}

/** Groups in the order a member meets them; the first prefix a key starts with wins. */
const GROUPS: { title: string; prefixes: string[] }[] = [
  { title: 'Earning', prefixes: ['loyalty.earn_points_per_usd', 'loyalty.tier_credits_per_usd', 'loyalty.tier_multiplier.', 'loyalty.fare_family_multiplier.'] },
  { title: 'Tiers', prefixes: ['loyalty.tier_threshold.'] },
  { title: 'Tier benefits', prefixes: ['loyalty.fee_discount.', 'loyalty.free_seat_selection.', 'loyalty.extra_bags.'] },
  { title: 'Redemption and expiry', prefixes: ['loyalty.redemption_', 'loyalty.quote_hold_', 'loyalty.points_expiry_', 'loyalty.badges_per_upgrade'] },
  { title: 'Referrals', prefixes: ['loyalty.referral_'] },
];

const TIER_ORDER = ['blue', 'silver', 'gold', 'platinum', 'basic', 'standard', 'flex'];
const rank = (key: string) => {
  const i = TIER_ORDER.indexOf(key.slice(key.lastIndexOf('.') + 1));
  return i < 0 ? -1 : i;
};

/**
 * Every `loyalty.*` parameter in its group (tiers and fare families in their natural order, the
 * rest by key); a new loyalty key no group names lands in "Other", so none is ever hidden.
 */
export function loyaltyParameterGroups<P extends GovernedParameter>(all: P[]): ParameterGroup<P>[] {
  const loyalty = all.filter((p) => p.key.startsWith('loyalty.'));
  const groups: ParameterGroup<P>[] = GROUPS.map((g) => ({ title: g.title, parameters: [] }));
  const other: P[] = [];
  for (const p of loyalty) {
    const i = GROUPS.findIndex((g) => g.prefixes.some((prefix) => p.key.startsWith(prefix)));
    (i < 0 ? other : groups[i].parameters).push(p);
  }
  if (other.length) groups.push({ title: 'Other', parameters: other });
  const prefixes = GROUPS.flatMap((g) => g.prefixes);
  const order = (p: P) => [prefixes.findIndex((x) => p.key.startsWith(x)), p.key.slice(0, p.key.lastIndexOf('.')), rank(p.key)] as const;
  for (const g of groups) {
    g.parameters.sort((a, b) => {
      const [pa, fa, ra] = order(a);
      const [pb, fb, rb] = order(b);
      return pa - pb || fa.localeCompare(fb) || ra - rb || a.key.localeCompare(b.key);
    });
  }
  return groups.filter((g) => g.parameters.length > 0);
}
