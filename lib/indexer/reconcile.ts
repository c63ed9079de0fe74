import { z } from 'zod';
import type { Database } from '@/lib/db/port';
import { decodeCursor, encodeCursor, type PageQuery } from '@/lib/http/cursor';
import { verdict, type ChainBookingRow, type Verdict } from '@/lib/stellar/escrow-state';

// Reconciliation: the escrow's word on each booking it has seen, next to the app's status.
// Read-only: it reports; the soroban rail acts (confirmations and the settlement outbox,
// lib/payments/soroban). The escrow holds one flight per booking, so an app booking is one
// on-chain booking per segment (onChainBookingId in lib/stellar/booking-id.ts); the fold of
// escrow events into a state and the join to app segments are SQL (public.chain_reconciliation),
// the verdict in lib/stellar/escrow-state.ts.
//
// Scope: bookings the escrow has seen, the other segments of those bookings, and bookings paid
// on the soroban rail more than five minutes ago that the escrow has not seen ("paid in the
// app, never on chain"). Ledger-rail bookings have no escrow events and are not mismatches.

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

export type ReconciledBooking = ChainBookingRow & Verdict;

// The API's page of the report: every reconciled segment with its verdict, by on-chain booking
// id (the key no row changes), so walking the pages sees each segment once while events land.
const afterBooking = z.object({ booking_id: z.string().regex(/^\d{1,20}$/) });

export async function reconciliationPage(db: Pick<Database, 'call'>, query: PageQuery): Promise<{ data: ReconciledBooking[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, afterBooking)?.booking_id ?? null;
  const rows = await db.call<ChainBookingRow[]>('chain_reconciliation', { after, limit: query.limit + 1 });
  const data = rows.slice(0, query.limit).map((row) => ({ ...row, ...verdict(row) }));
  return { data, nextCursor: rows.length > query.limit ? encodeCursor({ booking_id: data.at(-1)!.booking_id }) : null };
}
