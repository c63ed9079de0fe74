import type { QuoteLine, QuoteLoyalty } from '@/lib/payments/rail';

// The escrow's PaymentQuote in memory (bigints, as contract.Spec encodes them) and in JSON
// (decimal strings), shared by the server that signs it and the browser that submits it.

/** The quote as the contract spec names its fields (u64/i128 as bigint). */
export interface PaymentQuote {
  /** The escrow contract the quote is for: a quote cannot be replayed on another deployment. */
  escrow: string;
  expires_at: bigint;
  /** `sponsored`: the part of `amount` the sponsor pays (points redeemed), 0 when none. */
  items: { airline: string; amount: bigint; arrival: bigint; booking_id: bigint; departure: bigint; flight_id: bigint; flight_number: string; sponsored: bigint }[];
  passenger: string;
  /** The loyalty-liability account paying the sponsored parts; null when nothing is sponsored. */
  sponsor: string | null;
}

/** The quote in JSON (integers as decimal strings), as the API sends it to the browser. */
export type PaymentQuoteJson = {
  escrow: string;
  expires_at: string;
  items: { airline: string; amount: string; arrival: string; booking_id: string; departure: string; flight_id: string; flight_number: string; sponsored: string }[];
  passenger: string;
  sponsor: string | null;
};

export function quoteToJson(q: PaymentQuote): PaymentQuoteJson {
  return {
    escrow: q.escrow,
    expires_at: q.expires_at.toString(),
    items: q.items.map((i) => ({
      airline: i.airline, amount: i.amount.toString(), arrival: i.arrival.toString(), booking_id: i.booking_id.toString(),
      departure: i.departure.toString(), flight_id: i.flight_id.toString(), flight_number: i.flight_number, sponsored: i.sponsored.toString(),
    })),
    passenger: q.passenger,
    sponsor: q.sponsor,
  };
}

export function quoteFromJson(q: PaymentQuoteJson): PaymentQuote {
  return {
    escrow: q.escrow,
    expires_at: BigInt(q.expires_at),
    items: q.items.map((i) => ({
      airline: i.airline, amount: BigInt(i.amount), arrival: BigInt(i.arrival), booking_id: BigInt(i.booking_id),
      departure: BigInt(i.departure), flight_id: BigInt(i.flight_id), flight_number: i.flight_number, sponsored: BigInt(i.sponsored ?? '0'),
    })),
    passenger: q.passenger,
    sponsor: q.sponsor ?? null,
  };
}

/** POST /bookings/{pnr}/payment-quote: the signed quote and where to send it. */
export interface PaymentQuoteResponse {
  pnr: string;
  quote: PaymentQuoteJson;
  /** ed25519 signature of the quote's XDR by the server key, hex. */
  signature: string;
  contract_id: string;
  network_passphrase: string;
  rpc_url: string;
  amount_minor: number;
  currency: string;
  expires_at: string;
  explorer_url: string | null;
  /** What the amount is made of (fare, taxes, a points discount), summing to `amount_minor`. */
  lines: QuoteLine[];
  /**
   * The loyalty-liability account's authorisation of this `pay_quoted` (a signed
   * SorobanAuthorizationEntry, base64 XDR) when points pay part of it: the wallet's transaction
   * carries it beside the payer's own. Null when no points are applied.
   */
  sponsor_auth: string | null;
  /** What points do for this quote (the slider's range and what was applied), where the rail takes them. */
  loyalty?: QuoteLoyalty;
}

/** The signed chain quote before the rail adds the lines. */
export type ChainQuote = Omit<PaymentQuoteResponse, 'lines'>;

/** The part of the quote only a wallet needs: what it signs and where it sends it. */
export type ChainQuoteTerms = Omit<ChainQuote, 'pnr' | 'amount_minor' | 'currency' | 'expires_at' | 'loyalty'>;
