import 'server-only';
import { csvTextStream } from '@/lib/admin/csv';
import { airlineBookingsCsvPage } from './portal';
import type { AirlineBookingsQuery } from './schema';
import type { AirlineBookingRow } from './types';

// The airline's booked segments as CSV: the portal list's filters and order, read in keyset pages
// of 5,000 rows (one query each) whose lines the database writes (routines/37_airline_portal.sql,
// airline_bookings_csv), so memory stays flat and the server only passes text on.

export const AIRLINE_CSV_HEADER = [
  'pnr', 'status', 'flight', 'flight_status', 'origin', 'destination', 'departs_at', 'segment', 'cabin', 'passengers', 'lead_passenger',
  'share_minor', 'currency', 'payment_rail', 'paid_at',
] as const;

/** A list row's cells in the CSV's order: what the database's lines must equal (tests/db/airline-csv.test.ts). */
export function airlineBookingCells(r: AirlineBookingRow) {
  return [r.pnr, r.status, r.flight, r.flight_status, r.origin, r.destination, r.departs_at, r.seq, r.cabin, r.passengers, r.lead_passenger,
    r.share_minor, r.currency, r.payment_rail, r.paid_at];
}

export const AIRLINE_CSV_PAGE_ROWS = 5000;

export function airlineBookingsCsv(iata: string, query: AirlineBookingsQuery, pageRows = AIRLINE_CSV_PAGE_ROWS): Promise<ReadableStream<Uint8Array>> {
  return csvTextStream(AIRLINE_CSV_HEADER, (cursor) => airlineBookingsCsvPage(iata, { ...query, cursor }, pageRows));
}
