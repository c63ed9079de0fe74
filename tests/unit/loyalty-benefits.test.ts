import { describe, expect, it } from 'vitest';
import type { FareConditions } from '@/lib/flights/types';
import { benefitPhrases, withTierBenefits } from '@/lib/loyalty/benefits';
import type { TierBenefits } from '@/lib/loyalty/types';

const basic: FareConditions = { refundable: false, refund_penalty_minor: 0, changeable: false, change_penalty_minor: 0, checked_bags: 0, carry_on: true, seat_selection: 'paid' };
const gold: TierBenefits = { tier: 'gold', fee_discount_bps: 2500, extra_bags: 1, free_seat_selection: true, refund_priority: 2 };
const blue: TierBenefits = { tier: 'blue', fee_discount_bps: 0, extra_bags: 0, free_seat_selection: false, refund_priority: 0 };

describe('tier benefits in the fare conditions', () => {
  it('a Gold member sees one more checked bag and any seat free; the fare itself is untouched', () => {
    expect(withTierBenefits(basic, gold)).toEqual({ ...basic, checked_bags: 1, seat_selection: 'any' });
    expect(withTierBenefits({ ...basic, checked_bags: 2, seat_selection: 'standard' }, gold)).toMatchObject({ checked_bags: 3, seat_selection: 'any' });
    expect(basic).toMatchObject({ checked_bags: 0, seat_selection: 'paid' });
  });

  it('Blue, or no summary (signed out), leaves the conditions as the fare has them', () => {
    expect(withTierBenefits(basic, blue)).toEqual(basic);
    expect(withTierBenefits(basic, null)).toBe(basic);
  });

  it('names what a tier gives, nothing for Blue', () => {
    expect(benefitPhrases(gold)).toEqual(['25% of Traqora’s fee back to your wallet after each flight', '1 extra checked bag', 'free seat selection', 'refund requests reviewed first']);
    expect(benefitPhrases({ ...gold, fee_discount_bps: 1250, extra_bags: 2 })[0]).toBe('12.5% of Traqora’s fee back to your wallet after each flight');
    expect(benefitPhrases(blue)).toEqual([]);
  });
});
