import type { Cabin } from '@/lib/flights/cabins';

/** A price watch as the API answers it (routines/99_price_watches.sql, price_watch_json). */
export interface PriceWatch {
  id: number;
  origin: string;
  destination: string;
  depart_date: string;
  depart_date_to: string;
  return_date: string | null;
  trip: 'one_way' | 'return';
  cabin: Cabin;
  adults: number;
  children: number;
  currency: string;
  target_minor: number | null;
  /** The drop (basis points) from the highest price since the last alert that alerts. */
  drop_bps: number;
  active: boolean;
  current_minor: number | null;
  last_sampled_at: string | null;
  alerts: number;
  /** The last 30 samples, oldest first; price_minor null when nothing was for sale. */
  history: { at: string; price_minor: number | null }[];
  /** Sample standard deviation over the mean of those samples, in basis points. */
  volatility_bps: number;
  created_at: string;
  updated_at: string;
  replayed?: boolean;
}

export type PriceInsight = 'low' | 'typical' | 'high';

/** A route's daily lows and how today's fare compares (route_price_history). */
export interface RouteHistory {
  origin: string;
  destination: string;
  cabin: Cabin;
  currency: string;
  history: { date: string; price_minor: number }[];
  current_minor: number | null;
  typical_low_minor: number | null;
  typical_high_minor: number | null;
  insight: PriceInsight | null;
}
