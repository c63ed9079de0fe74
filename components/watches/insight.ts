import type { PriceInsight } from '@/lib/watches/types';

/** Google Flights' sentence for the insight, and the badge tone that goes with it. */
export const INSIGHT: Record<PriceInsight, { text: string; variant: 'success' | 'secondary' | 'warning' }> = {
  low: { text: 'Prices are low', variant: 'success' },
  typical: { text: 'Prices are typical', variant: 'secondary' },
  high: { text: 'Prices are high', variant: 'warning' },
};
