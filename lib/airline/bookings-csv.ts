import 'server-only';
import { csvStream } from '@/lib/admin/csv';
import { listAirlineBookings } from './portal';
import type { AirlineBookingsQuery } from './schema';
import type { AirlineBookingRow } from './types';

// The airline's booked segments as CSV: the portal list's filters and order, read in keyset pages
// of 5,000 rows (one query each), so memory stays flat whatever the export's size.

export const AIRLINE_CSV_HEADER = [
  'pnr', 'status', 'flight', 'flight_status', 'origin', 'destination', 'departs_at', 'segment', 'cabin', 'passengers', 'lead_passenger',
  'share_minor', 'currency', 'payment_rail', 'paid_at',
] as const;

export function airlineBookingCells(r: AirlineBookingRow) {
  return [r.pnr, r.status, r.flight, r.flight_status, r.origin, r.destination, r.departs_at, r.seq, r.cabin, r.passengers, r.lead_passenger,
    r.share_minor, r.currency, r.payment_rail, r.paid_at];
}

export const AIRLINE_CSV_PAGE_ROWS = 5000;

export function airlineBookingsCsv(iata: string, query: AirlineBookingsQuery, pageRows = AIRLINE_CSV_PAGE_ROWS): Promise<ReadableStream<Uint8Array>> {
  return csvStream(AIRLINE_CSV_HEADER, airlineBookingCells, (cursor) =>
    listAirlineBookings(iata, { ...query, cursor, limit: pageRows }, { maxLimit: pageRows }));
}
