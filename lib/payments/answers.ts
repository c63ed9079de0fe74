import { z } from 'zod';
import { booking, walletHistory } from '@/lib/bookings/answers';
import type { WalletHistory } from '@/lib/bookings/types';
import type { FeeRebate } from '@/lib/loyalty/types';
import { dataOf, describes, pageOf, timestamp, widens } from '@/lib/openapi/answers';
import { chainEvent } from '@/lib/payments/chain-answers';
import type { BookingChainView, ChainEventRow } from './soroban/booking-chain';
import type { ChainWalletEntry } from './soroban/history';
import type { PaymentQuoteJson, PaymentQuoteResponse } from './soroban/quote-json';
import type { SegmentReceipt, VerifiedReceipt } from './soroban/receipts';
import type { PaymentOutcome, PaymentQuote, QuoteLine, QuoteLoyalty } from './rail';

// What the payment routes answer (the OpenAPI document's schemas; lib/openapi/answers.ts):
// quotes, payments, the traveller's wallets, and a booking's escrow as the chain index sees it.

const decimal = z.string().regex(/^-?[0-9]+$/);
const txHash = z.string().regex(/^[0-9a-f]{64}$/);

export const quoteLine = describes<QuoteLine>()(z.object({
  kind: z.enum(['fare', 'taxes', 'discount', 'fee']), label: z.string(), amount_minor: z.number().int(),
}));

export const quoteLoyalty = describes<QuoteLoyalty>()(z.object({
  points: z.number().int(), discount_minor: z.number().int(), currency: z.string(), balance: z.number().int(), max_points: z.number().int(), points_per_usd: z.number(),
}));

/** A quote on a rail that takes the money itself (or the soroban rail's points preview): nothing to sign. */
export const railQuote = describes<Omit<PaymentQuote, 'terms'>>()(z.object({
  pnr: z.string(),
  currency: z.string(),
  amount_minor: z.number().int(),
  lines: z.array(quoteLine),
  expires_at: timestamp,
  loyalty: quoteLoyalty.optional(),
}));

/** The escrow's PaymentQuote in JSON (quote-json.ts): u64/i128 as decimal strings. */
export const paymentQuoteJson = describes<PaymentQuoteJson>()(z.object({
  escrow: z.string(),
  expires_at: decimal,
  items: z.array(z.object({
    airline: z.string(), amount: decimal, arrival: decimal, booking_id: decimal, departure: decimal, flight_id: decimal, flight_number: z.string(), sponsored: decimal,
  })),
  passenger: z.string(),
  sponsor: z.string().nullable(),
}));

/** A quote the payer's wallet signs (soroban rail, with `payer`): the rail quote and the signed terms beside it. */
export const chainQuote = describes<PaymentQuoteResponse>()(railQuote.extend({
  quote: paymentQuoteJson,
  signature: z.string().regex(/^[0-9a-f]+$/),
  contract_id: z.string(),
  network_passphrase: z.string(),
  rpc_url: z.string(),
  explorer_url: z.string().nullable(),
  sponsor_auth: z.string().nullable(),
}));

/** POST /bookings/{pnr}/payment-quote. */
export const paymentQuoteAnswer = dataOf(z.union([railQuote, chainQuote]));

/** POST /bookings/{pnr}/payments: the booking afterwards, and the transaction where the rail recorded one. */
export const paymentAnswer = describes<{ data: PaymentOutcome['booking']; payment?: NonNullable<PaymentOutcome['receipt']> }>()(z.object({
  data: booking,
  payment: z.object({ status: z.enum(['pending', 'confirmed']), tx_hash: txHash }).optional(),
}));

/** GET /wallet: the ledger wallet's balance and one page of its postings. */
export const ledgerWalletAnswer = describes<{ data: WalletHistory; nextCursor: string | null }>()(z.object({ data: walletHistory, nextCursor: z.string().nullable() }));

export const chainWalletEntry = describes<ChainWalletEntry>()(z.object({
  kind: z.enum(['payment', 'refund']),
  pnr: z.string(),
  tx_hash: txHash.nullable(),
  account: z.string().nullable(),
  status: z.enum(['submitted', 'confirmed', 'failed', 'pending']),
  error: z.string().nullable(),
  amount_minor: z.number().int(),
  currency: z.string(),
  at: timestamp,
}));

/** GET /wallet/chain. */
export const chainWalletAnswer = pageOf(chainWalletEntry);

const receiptStatus = z.enum(['active', 'flown', 'voided']);

export const segmentReceipt = describes<SegmentReceipt>()(z.object({
  token_id: z.number().int(), passenger: z.string(), status: receiptStatus, minted_tx: txHash, minted_ledger: z.number().int(), minted_at: timestamp,
}));

export const bookingChainView = describes<BookingChainView<ChainEventRow>>()(z.object({
  pnr: z.string(),
  segments: z.array(z.object({
    seq: z.number().int(),
    booking_id: decimal,
    chain_state: z.enum(['paid', 'refund_requested', 'disputed', 'released', 'refunded', 'expired']).nullable(),
    chain_amount: decimal.nullable(),
    last_ledger: z.number().int().nullable(),
    agrees: z.boolean(),
    detail: z.string().nullable(),
    receipt: segmentReceipt.nullable(),
  })),
  events: z.array(chainEvent),
  reconciled: z.boolean(),
}));

/**
 * A tier rebate of the escrow's fee, as routines/95_loyalty.sql's loyalty_fee_rebate_json writes
 * it: lib/loyalty's FeeRebate and the bookkeeping fields it leaves out.
 */
export const feeRebate = widens<FeeRebate>()(z.object({
  chain_booking_id: decimal,
  member_id: z.string(),
  pnr: z.string(),
  release_tx: txHash,
  fee_minor: z.number().int(),
  tier: z.enum(['blue', 'silver', 'gold', 'platinum']),
  bps: z.number().int(),
  amount_minor: z.number().int(),
  currency: z.string(),
  address: z.string(),
  status: z.enum(['pending', 'submitted', 'confirmed', 'failed']),
  tx_hash: txHash.nullable(),
  submitted_at: timestamp.nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
}));

/** GET /bookings/{pnr}/chain. */
export const bookingChainAnswer = dataOf(bookingChainView.extend({ fee_rebates: z.array(feeRebate) }));

/** GET /bookings/{pnr}/receipts: each minted receipt as the receipts contract reads it now. */
export const verifiedReceipts = dataOf(z.array(describes<VerifiedReceipt & { seq: number }>()(z.object({
  seq: z.number().int(),
  token_id: z.number().int(),
  verified: z.boolean(),
  status: receiptStatus,
  passenger: z.string(),
  flight_number: z.string(),
  seat: z.string(),
  departure: timestamp,
}))));
