import type { Price } from '@/lib/flights/types';
import { money } from '@/components/flights/format';

// The lines of a price as the traveller reads them. Each line carries its own signed amount in
// minor units, so a later charge or saving (a platform fee, points redeemed) is one more line
// of data, not a change to the component that draws them.

export interface PriceLine {
  /** Stable and unique within a breakdown: 'fare', 'taxes', 'platform_fee', 'points'. */
  id: string;
  label: string;
  /** What the line adds to the total, in minor units: a discount is negative. */
  amount_minor: number;
  /** A few words under the label ("1,200 points"). */
  note?: string;
  /** Money coming back (a refund, a saving) reads in the success colour; discounts do by default. */
  tone?: 'default' | 'success';
}

/** Fare and taxes of a priced offer or booking, the lines its total is made of. */
export function fareLines(price: Pick<Price, 'base_minor' | 'taxes_minor'>): PriceLine[] {
  return [
    { id: 'fare', label: 'Fare', amount_minor: price.base_minor },
    { id: 'taxes', label: 'Taxes and fees', amount_minor: price.taxes_minor },
  ];
}

/** The sum of the lines; the server's total is what is charged, this is for checking it. */
export function linesTotal(lines: readonly PriceLine[]): number {
  return lines.reduce((sum, l) => sum + l.amount_minor, 0);
}

/** "$12.00", or "−$12.00" for a line that takes money off (a true minus sign, read as "minus"). */
export function lineAmount(amountMinor: number, currency: string): string {
  const shown = money(Math.abs(amountMinor), currency, { cents: true });
  return amountMinor < 0 ? `−${shown}` : shown;
}
