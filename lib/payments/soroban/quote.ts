import { StrKey, type Keypair } from '@stellar/stellar-sdk';
import { contractSpec } from '@/lib/stellar/specs';
import { toTokenUnits } from '@/lib/stellar/contracts/escrow';
import type { PaymentQuote } from './quote-json';

export type { PaymentQuote, PaymentQuoteJson } from './quote-json';
export { quoteFromJson, quoteToJson } from './quote-json';

// The payment quote the escrow's `pay_quoted` takes: the platform states what one booking costs
// on chain (one item per segment: its on-chain id, airline payout account, share, times) and
// signs it with the server key the escrow knows (`set_quote_signer`). The traveller's wallet
// authorises the money; the signature stops anyone changing the amounts or the payee. The
// signed message is the quote's ScVal XDR — the bytes the contract rebuilds with `to_xdr`.

/** One booking's terms as the database gives them (public.chain_payment_terms). */
export interface ChainPaymentTerms {
  booking_id: string;
  pnr: string;
  currency: string;
  /** The fare without taxes: what points may pay. */
  base_minor: number;
  total_minor: number;
  hold_expires_at: string;
  items: {
    seq: number;
    chain_booking_id: string;
    flight_id: number;
    flight_number: string;
    airline: string;
    payout_address: string | null;
    share_minor: number;
    departs_at: string;
    arrives_at: string;
  }[];
}

/**
 * Quoted flights live in their own id space on chain: the escrow refuses a quoted flight id
 * without the top bit, so an app flight id can never be mistaken for an airline-registry flight
 * (whose oracle reports settle registry bookings).
 */
export const QUOTED_FLIGHT_BIT = 1n << 63n;

/** contracts/common MAX_QUOTE_ITEMS: the most segments the escrow takes in one quote. */
export const MAX_QUOTE_ITEMS = 4;

/** The longest a quote lives, even when the hold has longer to run. */
export const QUOTE_TTL_SECONDS = 15 * 60;

const seconds = (iso: string) => BigInt(Math.floor(Date.parse(iso) / 1000));

/**
 * Points' discount spread over the segments in proportion to their shares, in whole cents that
 * sum exactly to the discount (largest remainders get the leftover cents, earlier segments first
 * on a tie). No part exceeds its segment's share, since the discount never exceeds the total.
 */
export function splitDiscount(discountMinor: number, shares: number[]): number[] {
  const total = shares.reduce((a, b) => a + b, 0);
  if (!Number.isSafeInteger(discountMinor) || discountMinor < 0 || discountMinor > total) throw new RangeError('the discount must be between 0 and the total');
  if (discountMinor === 0) return shares.map(() => 0);
  const d = BigInt(discountMinor);
  const t = BigInt(total);
  const parts = shares.map((s) => Number((d * BigInt(s)) / t));
  const rest = (i: number) => (d * BigInt(shares[i])) % t;
  let left = discountMinor - parts.reduce((a, b) => a + b, 0);
  const order = shares.map((_, i) => i).sort((a, b) => (rest(b) > rest(a) ? 1 : rest(b) < rest(a) ? -1 : a - b));
  for (const i of order) {
    if (left === 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

/** Who pays points' part of the fare, and how much of each segment (cents, in the items' order). */
export interface QuoteSponsorship {
  sponsor: string;
  sponsoredMinor: number[];
}

export function buildPaymentQuote(terms: ChainPaymentTerms, payer: string, to: { escrow: string; clearing: string }, now = new Date(), sponsorship: QuoteSponsorship | null = null): PaymentQuote {
  if (!StrKey.isValidEd25519PublicKey(payer)) throw new TypeError('payer must be a Stellar account (G…)');
  const sponsored = terms.items.map((_, i) => sponsorship?.sponsoredMinor[i] ?? 0);
  if (sponsored.some((s, i) => !Number.isSafeInteger(s) || s < 0 || s > terms.items[i].share_minor)) throw new RangeError('a sponsored part must be between 0 and its segment\'s share');
  const anySponsored = sponsored.some((s) => s > 0);
  const nowS = BigInt(Math.floor(now.getTime() / 1000));
  const holdEnds = seconds(terms.hold_expires_at);
  return {
    escrow: to.escrow,
    // The quote ends with the seat hold: a payment that lands, landed while the seats were held.
    expires_at: holdEnds < nowS + BigInt(QUOTE_TTL_SECONDS) ? holdEnds : nowS + BigInt(QUOTE_TTL_SECONDS),
    items: terms.items.map((i, n) => ({
      airline: i.payout_address ?? to.clearing,
      amount: toTokenUnits(i.share_minor),
      arrival: seconds(i.arrives_at),
      booking_id: BigInt(i.chain_booking_id),
      departure: seconds(i.departs_at),
      flight_id: QUOTED_FLIGHT_BIT | BigInt(i.flight_id),
      flight_number: i.flight_number,
      // Token units of whole cents, exactly as `amount`: the parts sum to the discount.
      sponsored: sponsored[n] > 0 ? toTokenUnits(sponsored[n]) : 0n,
    })),
    passenger: payer,
    // The escrow wants a sponsor exactly when something is sponsored (SponsorMismatch).
    sponsor: anySponsored ? sponsorship!.sponsor : null,
  };
}

/** The exact bytes the escrow verifies: the quote argument of `pay_quoted`, as ScVal XDR. */
export function quoteMessage(quote: PaymentQuote): Uint8Array {
  const [scv] = contractSpec('escrow').funcArgsToScVals('pay_quoted', { quote, signature: Buffer.alloc(64) });
  return scv.toXDR();
}

export function signPaymentQuote(quote: PaymentQuote, signer: Keypair): Buffer {
  return Buffer.from(signer.sign(Buffer.from(quoteMessage(quote))));
}
