import type { Cabin, FareConditions, FareFamily, Price, Segment } from '@/lib/flights/types';
import type { SettlementMoved } from '@/lib/payments/soroban/settlement-events';

export type BookingStatus = 'held' | 'paid' | 'completed' | 'expired' | 'cancelled' | 'refunded';

export interface Booking {
  id: string;
  pnr: string;
  status: BookingStatus;
  cabin: Cabin;
  fare_family: FareFamily;
  fare_family_name: string;
  conditions: FareConditions;
  passenger_counts: { adults: number; children: number; infants: number };
  price: Price;
  refund_minor: number | null;
  contact: { email: string; phone: string };
  hold_expires_at: string;
  created_at: string;
  paid_at: string | null;
  closed_at: string | null;
  departs_at: string;
  arrives_at: string;
  segments: (Segment & { seq: number; slice: number })[];
  passengers: { seq: number; type: 'adult' | 'child' | 'infant'; title: string | null; given_name: string; family_name: string; date_of_birth: string; gender: string | null; document: unknown; infant_of: number | null }[];
  timeline: { status: BookingStatus; from: BookingStatus | null; note: string; at: string }[];
  payments: { kind: string; memo: string; at: string; amount_minor: number }[];
  escrow_balance_minor: number;
  /** Allowances beyond the fare's conditions a disruption granted (free cancellation after a long delay). */
  waivers?: { kind: 'free_cancellation'; reason: string; flight_id: number; delay_minutes: number; granted_at: string }[];
  /** What may be done now: 'pay' (an unexpired hold), 'cancel' (held, or paid before departure). */
  available_actions: ('pay' | 'cancel')[];
  /** The rail it was paid on (null until paid). Present on single-booking reads. */
  payment_rail?: 'ledger' | 'soroban' | null;
  /** On-chain payment transactions, newest last (soroban rail). */
  chain_payments?: { tx_hash: string; payer: string; status: 'submitted' | 'confirmed' | 'failed'; error: string | null; ledger: number | null; closed_at: string | null; at: string }[];
  /** Releases and cancellation settlements the server signer sends to the escrow, per segment; `moved`: what the escrow paid out, once confirmed. */
  chain_settlements?: { seq: number; kind: 'release' | 'cancellation'; refund_minor: number; status: 'pending' | 'submitted' | 'confirmed' | 'failed'; tx_hash: string | null; error: string | null; moved: SettlementMoved | null; at: string }[];
}

export interface CancellationQuote {
  id: string;
  pnr: string;
  refund_minor: number;
  penalty_minor: number;
  currency: string;
  refund_to: 'wallet' | 'none';
  reason: string;
  expires_at: string;
  confirmed_at: string | null;
  total_paid_minor: number;
}

/** A confirmed cancellation: the quote it carried out, and the booking afterwards. */
export interface CancellationResult {
  quote: CancellationQuote;
  booking: Booking;
}

export interface WalletHistory {
  currency: string;
  balance_minor: number;
  entries: { id: number; kind: string; memo: string; amount_minor: number; currency: string; pnr: string | null; created_at: string }[];
}
