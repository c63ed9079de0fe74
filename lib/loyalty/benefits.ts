import type { FareConditions } from '@/lib/flights/types';
import type { TierBenefits } from './types';

// A member's tier benefits applied to a fare's conditions, for the fare conditions a member sees
// at checkout: extra checked bags on top of the fare's, and any seat free to choose. The amounts
// are governed parameters, carried in the loyalty summary's `benefits`.

export function withTierBenefits(conditions: FareConditions, benefits: TierBenefits | null | undefined): FareConditions {
  if (!benefits) return conditions;
  return {
    ...conditions,
    checked_bags: conditions.checked_bags + benefits.extra_bags,
    seat_selection: benefits.free_seat_selection ? 'any' : conditions.seat_selection,
  };
}

/** The benefits a tier gives, as short phrases ("1 extra checked bag"); empty for none. */
export function benefitPhrases(b: TierBenefits): string[] {
  const out: string[] = [];
  if (b.fee_discount_bps > 0) out.push(`${+(b.fee_discount_bps / 100).toFixed(2)}% of Traqora’s fee back to your wallet after each flight`);
  if (b.extra_bags > 0) out.push(`${b.extra_bags} extra checked bag${b.extra_bags === 1 ? '' : 's'}`);
  if (b.free_seat_selection) out.push('free seat selection');
  if (b.refund_priority > 0) out.push('refund requests reviewed first');
  return out;
}
