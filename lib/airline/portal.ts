import 'server-only';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '@/lib/admin/cursor';
import { requirePermission, type Permission } from '@/lib/admin/permissions';
import type { Role, Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import type { AirlineBookingsQuery } from './schema';
import type { AirlineBookingRow, AirlinePayouts, PayoutAccount } from './types';

// The airline portal's reads. Every call names the airline; actingFor() is the one gate: admin
// and finance may look at any airline, an operator only at the airline its grant names (another
// airline is a 403 naming the permission, before any query runs).

export function actingFor(viewer: Viewer | null, iata: string, perm: Permission = 'airline.read'): { viewer: Viewer; role: Role } {
  return requirePermission(viewer, perm, { airline: iata });
}

/** The airline an operator works for (the first operator grant), or null. */
export function operatorAirline(viewer: Viewer | null): string | null {
  return viewer?.roles.find((g) => g.role === 'operator' && g.airline)?.airline ?? null;
}

const rowCursor = z.object({ departs_at: z.string().min(1), flight_id: z.number().int().positive(), booking_id: z.uuid(), seq: z.number().int().positive() });

export async function listAirlineBookings(iata: string, query: AirlineBookingsQuery, opts: { maxLimit?: number } = {}) {
  const after = decodeCursor(query.cursor, rowCursor);
  const limit = Math.min(query.limit ?? 50, opts.maxLimit ?? 200);
  const page = await (await db()).call<{ data: AirlineBookingRow[]; next: z.infer<typeof rowCursor> | null }>('airline_bookings', {
    airline: iata,
    filter: { status: query.status ?? null, from: query.from ?? null, to: query.to ?? null, flight: query.flight ?? null, q: query.q ?? null },
    after, limit,
  });
  return { data: page.data, nextCursor: encodeCursor(page.next) };
}

/** One page of the portal's CSV, written by the database (airline_bookings_csv): the list's filters, order and cursor. */
export async function airlineBookingsCsvPage(iata: string, query: AirlineBookingsQuery, limit: number): Promise<{ csv: string; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, rowCursor);
  const page = await (await db()).call<{ csv: string; next: z.infer<typeof rowCursor> | null }>('airline_bookings_csv', {
    airline: iata,
    filter: { status: query.status ?? null, from: query.from ?? null, to: query.to ?? null, flight: query.flight ?? null, q: query.q ?? null },
    after, limit,
  });
  return { csv: page.csv, nextCursor: encodeCursor(page.next) };
}

const releasedCursor = z.object({ at: z.iso.datetime({ offset: true }), rail: z.enum(['ledger', 'soroban']), id: z.number().int().positive() });

/** The airline's payout figures with one page of what was released, newest first (`nextCursor` pages on). */
export async function airlinePayouts(iata: string, query: { cursor?: string; limit?: number } = {}): Promise<{ data: AirlinePayouts; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, releasedCursor);
  const { released_next, ...data } = await (await db()).call<AirlinePayouts & { released_next: z.infer<typeof releasedCursor> | null }>(
    'airline_payouts', { airline: iata, limit: query.limit ?? 50, after });
  return { data, nextCursor: encodeCursor(released_next) };
}

export async function airlinePayoutAccount(iata: string): Promise<PayoutAccount> {
  return (await db()).call<PayoutAccount>('airline_payout_account', { airline: iata });
}
