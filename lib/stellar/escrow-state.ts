// The escrow's state for one on-chain booking next to the app's status for the same segment,
// and whether they agree. Shared by the indexer's reconciliation report (lib/indexer/reconcile.ts)
// and the booking's chain view (lib/payments/soroban/booking-chain.ts), so both judge alike.

export type ChainState = 'paid' | 'refund_requested' | 'disputed' | 'released' | 'refunded' | 'expired';
export type AppStatus = 'held' | 'paid' | 'completed' | 'expired' | 'cancelled' | 'refunded';

export interface ChainBookingRow {
  /** The escrow booking id (u64, decimal). */
  booking_id: string;
  /** The escrow's state; null for a segment of a booking the escrow has seen only in part. */
  chain_state: ChainState | null;
  /** The escrowed amount in token base units (i128 as a decimal string), from the payment event. */
  chain_amount: string | null;
  last_event_id: string | null;
  last_ledger: number | null;
  last_event_at: string | null;
  /** The app booking segment with this on-chain id; all null when the app has none. */
  app_booking_id: string | null;
  pnr: string | null;
  segment_seq: number | null;
  flight_id: number | null;
  app_status: AppStatus | null;
  app_total_minor: number | null;
  app_currency: string | null;
}

export type Problem = 'unknown_booking' | 'status_mismatch' | 'missing_on_chain';

export type Verdict = { ok: true } | { ok: false; problem: Problem; detail: string };

/**
 * The app statuses that agree with each escrow state. Money still in escrow (paid, a pending
 * refund request, a dispute) is a paid booking; money with the airline is a completed one;
 * money back with the passenger is a refunded or cancelled one — on-chain expiry is a refund.
 */
export const AGREEING_STATUSES: Record<ChainState, readonly AppStatus[]> = {
  paid: ['paid'],
  refund_requested: ['paid'],
  disputed: ['paid'],
  released: ['completed'],
  refunded: ['refunded', 'cancelled'],
  expired: ['refunded', 'cancelled'],
};

export function verdict(row: ChainBookingRow): Verdict {
  if (row.app_status === null) {
    return { ok: false, problem: 'unknown_booking', detail: `escrow holds booking ${row.booking_id}, which is no segment of any app booking` };
  }
  const segment = `${row.pnr} segment ${row.segment_seq}`;
  if (row.chain_state === null) {
    return { ok: false, problem: 'missing_on_chain', detail: `${segment} (${row.app_status}) is not in escrow, though other segments of the booking are` };
  }
  if (!AGREEING_STATUSES[row.chain_state].includes(row.app_status)) {
    return {
      ok: false, problem: 'status_mismatch',
      detail: `${segment}: escrow says ${row.chain_state}, the app says ${row.app_status} (expected ${AGREEING_STATUSES[row.chain_state].join(' or ')})`,
    };
  }
  return { ok: true };
}
