import type { Price } from '@/lib/flights/types';
import type { QuoteLine } from './rail';

// The lines of a payment quote, the same on every rail. The booking's price gives the fare and
// taxes; a later line (a loyalty discount) is appended by whoever grants it, and every rail
// charges the sum — so the amount signed on chain and the amount the ledger takes cannot differ
// from what the traveller was shown.

export function priceLines(price: Price): QuoteLine[] {
  return [
    { kind: 'fare', label: 'Fare', amount_minor: price.base_minor },
    { kind: 'taxes', label: 'Taxes and fees', amount_minor: price.taxes_minor },
  ];
}

export function linesTotal(lines: QuoteLine[]): number {
  return lines.reduce((sum, l) => sum + l.amount_minor, 0);
}

/** The amount a rail is about to charge must be its quote's sum; anything else is a bug, not bad input. */
export function assertLinesMatch(lines: QuoteLine[], chargedMinor: number): void {
  const total = linesTotal(lines);
  if (total !== chargedMinor) throw new Error(`quote lines sum to ${total} but the rail charges ${chargedMinor}`);
}
