/** A refund request in the review queue (routines/66_refund_review.sql, refund_request_json). */
export interface RefundRequest {
  id: string;
  pnr: string;
  booking_id: string;
  booking_status: string;
  kind: RefundKind;
  refund_minor: number;
  currency: string;
  total_minor: number;
  /** What the ledger escrow holds for the booking now (0 on the soroban rail, whose escrow is on chain). */
  escrow_minor: number;
  payment_rail: 'ledger' | 'soroban' | null;
  reason: string;
  status: 'pending' | 'approved' | 'denied';
  proposed_by: string;
  proposed_by_name: string;
  proposed_role: string;
  created_at: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_role: string | null;
  decision_reason: string | null;
  decided_at: string | null;
}

/** A request as the queue lists it: with the traveller's place in it (proposing or deciding answers the request alone). */
export interface QueuedRefundRequest extends RefundRequest {
  /** The traveller's loyalty tier (blue for non-members), from the loyalty domain's priority view. */
  tier: 'blue' | 'silver' | 'gold' | 'platinum';
  /** The tier's rank in the queue: Platinum 3 … Blue 0. */
  refund_priority: number;
}

export const REFUND_KINDS = ['goodwill', 'disruption', 'dispute'] as const;
export type RefundKind = (typeof REFUND_KINDS)[number];
