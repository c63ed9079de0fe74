import 'server-only';
import type { AdminBookingRow } from './bookings';
import { adminBookingsCsvPage } from './bookings';
import { csvTextStream } from './csv';
import type { BookingsQuery } from './query';

// The bookings table as CSV: the same filters and order as GET /api/v1/admin/bookings, read in
// keyset pages of 5,000 rows (one query each) whose lines the database writes
// (routines/35_console.sql, admin_bookings_csv), so the server only passes text on.

export const BOOKINGS_CSV_HEADER = [
  'pnr', 'status', 'created_at', 'paid_at', 'closed_at', 'currency', 'total_minor', 'refund_minor', 'payment_rail', 'cabin',
  'origin', 'destination', 'departs_at', 'airlines', 'passenger', 'passengers', 'email', 'user_id', 'wallet', 'tx_hash',
] as const;

/** A list row's cells in the CSV's order: what the database's lines must equal (tests/db/admin-bookings.test.ts). */
export function bookingCells(r: AdminBookingRow) {
  return [
    r.pnr, r.status, r.created_at, r.paid_at, r.closed_at, r.currency, r.total_minor, r.refund_minor, r.payment_rail, r.cabin,
    r.origin, r.destination, r.departs_at, r.airlines?.join(' '), r.passenger, r.passengers, r.email, r.user_id, r.wallet, r.tx_hash,
  ];
}

export const CSV_PAGE_ROWS = 5000;

export function bookingsCsv(query: BookingsQuery, pageRows = CSV_PAGE_ROWS): Promise<ReadableStream<Uint8Array>> {
  return csvTextStream(BOOKINGS_CSV_HEADER, (cursor) => adminBookingsCsvPage({ ...query, cursor }, pageRows));
}
