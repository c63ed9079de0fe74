// The platform's governed parameters as public.governed_parameters() answers them
// (supabase/routines/12_parameters.sql): bounded numbers that admins and governance set.

export type ParameterUnit = 'bps' | 'points_per_usd' | 'tier_credits_per_usd' | 'multiplier' | 'tier_credits' | 'points' | 'months'
  | 'minutes' | 'minor_units' | 'seconds' | 'trq' | 'count';

export interface ParameterChange {
  source: 'seed' | 'admin' | 'governance';
  /** What made the change, e.g. a governance proposal id; null for the seed and admins. */
  source_ref: string | null;
  before: number | null;
  after: number;
  changed_at: string;
}

export interface GovernedParameter {
  key: string;
  value: number;
  unit: ParameterUnit;
  min: number;
  max: number;
  /** Whole numbers only. */
  integral: boolean;
  description: string;
  updated_at: string;
  updated_by: string | null;
  last_change: ParameterChange | null;
}
