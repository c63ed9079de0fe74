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

export function buildPaymentQuote(terms: ChainPaymentTerms, payer: string, to: { escrow: string; clearing: string }, now = new Date()): PaymentQuote {
  if (!StrKey.isValidEd25519PublicKey(payer)) throw new TypeError('payer must be a Stellar account (G…)');
  const nowS = BigInt(Math.floor(now.getTime() / 1000));
  const holdEnds = seconds(terms.hold_expires_at);
  return {
    escrow: to.escrow,
    // The quote ends with the seat hold: a payment that lands, landed while the seats were held.
    expires_at: holdEnds < nowS + BigInt(QUOTE_TTL_SECONDS) ? holdEnds : nowS + BigInt(QUOTE_TTL_SECONDS),
    items: terms.items.map((i) => ({
      airline: i.payout_address ?? to.clearing,
      amount: toTokenUnits(i.share_minor),
      arrival: seconds(i.arrives_at),
      booking_id: BigInt(i.chain_booking_id),
      departure: seconds(i.departs_at),
      flight_id: QUOTED_FLIGHT_BIT | BigInt(i.flight_id),
      flight_number: i.flight_number,
    })),
    passenger: payer,
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
