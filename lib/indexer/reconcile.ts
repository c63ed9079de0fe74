import type { Database } from '@/lib/db/port';

// Reconciliation: the escrow's word on each booking it has seen, next to the app's status.
// Read-only — the soroban rail is not built yet, so this reports and a later rail acts on it.
// Bookings are matched by PNR (see booking-id.ts); the fold of escrow events into a state is
// done in SQL (public.chain_reconciliation), the verdict here.
//
// Scope: bookings the escrow has seen. An app booking paid on the ledger rail has no escrow
// events and is not a mismatch; once the soroban rail records which rail paid a booking,
// "paid in the app, never on chain" can be flagged too.

export type ChainState = 'paid' | 'refund_requested' | 'disputed' | 'released' | 'refunded' | 'expired';
export type AppStatus = 'held' | 'paid' | 'completed' | 'expired' | 'cancelled' | 'refunded';

export interface ChainBookingRow {
  booking_id: string;
  pnr: string | null;
  chain_state: ChainState;
  /** The escrowed amount in token base units (i128 as a decimal string), from the payment event. */
  chain_amount: string | null;
  last_event_id: string;
  last_ledger: number;
  last_event_at: string;
  app_status: AppStatus | null;
  app_total_minor: number | null;
  app_currency: string | null;
}

export type Verdict =
  | { ok: true }
  | { ok: false; problem: 'unknown_booking' | 'status_mismatch'; detail: string };

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
    return {
      ok: false, problem: 'unknown_booking',
      detail: row.pnr
        ? `escrow holds booking ${row.booking_id} (PNR ${row.pnr}) but the app has no such booking`
        : `escrow booking ${row.booking_id} is not an id the app issues (above 2^30)`,
    };
  }
  if (!AGREEING_STATUSES[row.chain_state].includes(row.app_status)) {
    return {
      ok: false, problem: 'status_mismatch',
      detail: `escrow says ${row.chain_state}, the app says ${row.app_status} (expected ${AGREEING_STATUSES[row.chain_state].join(' or ')})`,
    };
  }
  return { ok: true };
}

export interface ReconciliationReport {
  checked: number;
  consistent: number;
  mismatches: (ChainBookingRow & Extract<Verdict, { ok: false }>)[];
}

export function report(rows: ChainBookingRow[]): ReconciliationReport {
  const mismatches: ReconciliationReport['mismatches'] = [];
  for (const row of rows) {
    const v = verdict(row);
    if (!v.ok) mismatches.push({ ...row, ...v });
  }
  return { checked: rows.length, consistent: rows.length - mismatches.length, mismatches };
}

export async function reconcileBookings(db: Pick<Database, 'call'>): Promise<ReconciliationReport> {
  return report(await db.call<ChainBookingRow[]>('chain_reconciliation', {}));
}
