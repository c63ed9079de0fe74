import type { z } from 'zod';
import type { Viewer } from '@/lib/auth/types';
import type { Booking } from '@/lib/bookings/types';

/**
 * The payment rail: how a held booking's money gets into escrow, how that is confirmed, how the
 * escrow is settled, and how the traveller sees it afterwards. Two rails implement it —
 * `ledger` (lib/payments/ledger: a double-entry escrow ledger in Postgres, the offline default)
 * and `soroban` (lib/payments/soroban: the on-chain escrow contract). lib/payments/index.ts picks
 * the active one from config; routes, jobs and pages use only what is declared here, never the
 * rail's id (docs/payments.md).
 *
 *   describe()        what the UI must know: who holds the traveller's money before paying,
 *                     whether a wallet signs, the explorer for transaction links.
 *   quote()           what the traveller will pay (lines summing to the amount) and how: ledger
 *                     — nothing to sign, POST /payments takes it from the Traqora wallet; soroban
 *                     — the escrow's `pay_quoted` terms signed for the paying account.
 *   pay()             ledger: takes the money now. soroban: records the hash of the transaction
 *                     the wallet sent and judges it from RPC (paid, pending or refused — 409).
 *                     `payRequest` is the body it takes (null: none).
 *   confirmPending()  job: payments sent but not yet judged (soroban: re-read from RPC;
 *                     ledger: nothing is ever pending).
 *   settle()          job: sends what the booking functions decided at release/cancellation
 *                     time. The decision and, on the ledger, the postings are made in SQL in the
 *                     same transaction as the booking change; soroban then sends the
 *                     chain_settlements outbox with the server signer.
 *   history()         the traveller's money: a balance where the platform holds it, and
 *                     deposits, payments and refunds.
 *
 * Where later issues plug in: a quote is a list of lines, so a loyalty redemption is one more
 * line (kind `discount`, negative) and the amount stays their sum; the platform fee taken at
 * release is the governed parameter platform.fee_bps, read by the release in SQL, not a constant here.
 */
export interface PaymentRail<PayRequest = unknown> {
  describe(): RailDescription;
  quote(viewer: Viewer, pnr: string, request: QuoteRequest): Promise<PaymentQuote>;
  /** The JSON body `pay` takes, validated by the route like any body; null when it takes none. */
  readonly payRequest: z.ZodType<PayRequest> | null;
  pay(viewer: Viewer, pnr: string, request: PayRequest): Promise<PaymentOutcome>;
  confirmPending(now?: number): Promise<JobCounts>;
  settle(): Promise<JobCounts>;
  history(viewer: Viewer): Promise<WalletStatement>;
}

export interface RailDescription {
  /** For display and logs (/api/health). Code decides on the fields below, never on this. */
  id: 'ledger' | 'soroban';
  /** Who holds the traveller's money before they pay: a Traqora wallet, or their own. */
  custody: 'platform' | 'wallet';
  /** The browser must have a wallet sign the payment (with the quote's terms). */
  needsWalletSignature: boolean;
  /** A new wallet is funded with demo money: nothing real moves. */
  demoFunds: boolean;
  /**
   * Loyalty points can pay part of the fare (a `discount` line; QuoteRequest.points), paid into
   * escrow by the loyalty-liability account. False where the rail cannot make that account pay
   * (the soroban rail without its key; docs/loyalty.md "Points and the on-chain escrow"): the pay
   * page says so before anyone tries.
   */
  takesPoints: boolean;
  /** Payments or settlements finish after the request, so confirmPending/settle have work. */
  backgroundWork: boolean;
  /** Base URL for "<url>/tx/<hash>" links, or null. */
  explorerUrl: string | null;
}

export interface QuoteRequest {
  /** The account that will pay, where the rail pays from a wallet (a Stellar G… account). */
  payer?: string;
  /** Loyalty points to pay part of the fare with (a `discount` line); none when absent. */
  points?: number;
}

/** What loyalty points can do for this quote: the slider's range and what was applied. */
export interface QuoteLoyalty {
  /** Points this quote spends (whole cents only: at most the points asked for). */
  points: number;
  discount_minor: number;
  /** The currency of the discount (points pay US-dollar fares only). */
  currency: string;
  /** The member's active points, and the most this fare takes (the fare, never the taxes). */
  balance: number;
  max_points: number;
  points_per_usd: number;
}

/**
 * One line of what the traveller pays. Today: the fare and taxes. Later issues add lines
 * (a loyalty `discount`, negative; a `fee` if one is ever charged to the traveller) without
 * changing the interface: the quote's amount is always the sum of its lines.
 */
export interface QuoteLine {
  kind: 'fare' | 'taxes' | 'discount' | 'fee';
  label: string;
  amount_minor: number;
}

export interface PaymentQuote<Terms extends Record<string, unknown> = Record<string, unknown>> {
  pnr: string;
  currency: string;
  /** The sum of `lines`: what leaves the traveller's wallet. */
  amount_minor: number;
  lines: QuoteLine[];
  /** Until when this quote can be paid (no later than the seat hold). */
  expires_at: string;
  /** What the payer's wallet signs (`needsWalletSignature`), or null when the rail takes the money itself. */
  terms: Terms | null;
  /** Where points can pay on this rail: what they do for this quote. */
  loyalty?: QuoteLoyalty;
}

export interface PaymentOutcome {
  /** The booking afterwards, as GET /bookings/{pnr} shows it (with `payment_rail`). */
  booking: Booking;
  /** `pending`: the rail has not seen the money land yet; ask again (or confirmPending will). */
  status: 'paid' | 'pending';
  /** This request repeated one already answered: no money moved. */
  replayed: boolean;
  /** What the rail recorded of a payment made elsewhere (the transaction), where there is one. */
  receipt?: { status: 'pending' | 'confirmed'; tx_hash: string };
}

export type JobCounts = Record<string, unknown>;

/** The traveller's money as the wallet page shows it. */
export interface WalletStatement {
  /** What the platform holds for them; null where their own wallet holds the money. */
  balance: { amount_minor: number; currency: string } | null;
  /** Newest first. */
  entries: StatementEntry[];
}

export interface StatementEntry {
  kind: 'deposit' | 'payment' | 'refund';
  pnr: string | null;
  /** From the traveller's side: money to them positive, from them negative. */
  amount_minor: number;
  currency: string;
  status: 'pending' | 'confirmed' | 'failed';
  /** The chain transaction, where the rail has one. */
  tx_hash: string | null;
  /** Why a payment failed, or the ledger's memo. */
  note: string | null;
  at: string;
}
