import type { LoyaltyTier } from '@/lib/loyalty/types';

// How tiers read on screen. Their thresholds and multipliers come from the summary (governed
// parameters), never from here.

export const TIER_ORDER: readonly LoyaltyTier[] = ['blue', 'silver', 'gold', 'platinum'];

export const TIER_NAME: Record<LoyaltyTier, string> = { blue: 'Blue', silver: 'Silver', gold: 'Gold', platinum: 'Platinum' };

/** Card accents; each keeps AA contrast for the text drawn on it. */
export const TIER_ACCENT: Record<LoyaltyTier, string> = {
  blue: 'border-l-sky-600',
  silver: 'border-l-slate-400',
  gold: 'border-l-amber-500',
  platinum: 'border-l-violet-600',
};

export const points = (n: number) => n.toLocaleString('en-US');
