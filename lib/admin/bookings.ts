import 'server-only';
import { z } from 'zod';
import type { Booking, CancellationQuote } from '@/lib/bookings/types';
import { db } from '@/lib/db/connect';
import type { AdminUser } from './users';
import type { AuditContext } from './audit-context';
import type { AuditEntry } from './audit';
import { decodeCursor, encodeCursor } from './cursor';
import type { BookingsQuery } from './query';

// Bookings as the console sees them: every traveller's, filtered and keyset-paged in SQL
// (routines/35_console.sql), and cancelled on a traveller's behalf with an audited reason.

export interface AdminBookingRow {
  id: string;
  pnr: string;
  status: Booking['status'];
  created_at: string;
  paid_at: string | null;
  closed_at: string | null;
  currency: string;
  total_minor: number;
  refund_minor: number | null;
  payment_rail: 'ledger' | 'soroban' | null;
  cabin: string;
  email: string | null;
  user_id: string;
  user_name: string;
  passenger: string | null;
  passengers: number;
  origin: string | null;
  destination: string | null;
  departs_at: string | null;
  airlines: string[] | null;
  wallet: string | null;
  tx_hash: string | null;
}

export type AdminBooking = Booking & { user: AdminUser; audit: AuditEntry[] };

// The cursor is the last row's sort value and id; v is text (an instant or an amount).
const bookingCursor = z.object({ v: z.string().max(40), id: z.uuid() });

export type BookingFilter = Omit<BookingsQuery, 'cursor' | 'limit' | 'sort' | 'dir'> & { user_id?: string };

function filterJson(q: BookingFilter): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (q.status) f.status = q.status;
  if (q.from) f.from = q.from.toISOString();
  if (q.to) f.to = q.to.toISOString();
  for (const key of ['origin', 'destination', 'airline', 'rail', 'min_total', 'max_total', 'q', 'user_id'] as const) {
    if (q[key] !== undefined) f[key] = q[key];
  }
  return f;
}

export async function listAdminBookings(q: BookingsQuery & { user_id?: string }, opts: { maxLimit?: number } = {}): Promise<{ data: AdminBookingRow[]; nextCursor: string | null }> {
  const after = decodeCursor(q.cursor, bookingCursor);
  const page = await (await db()).call<{ data: AdminBookingRow[]; next: z.infer<typeof bookingCursor> | null }>('admin_list_bookings', {
    filter: filterJson(q) as never, sort: q.sort, dir: q.dir, after: (after ?? null) as never,
    limit: Math.min(q.limit ?? 50, opts.maxLimit ?? 200),
  });
  return { data: page.data, nextCursor: encodeCursor(page.next) };
}

/** One page of the filtered bookings as CSV lines written by the database (admin_bookings_csv). */
export async function adminBookingsCsvPage(q: BookingsQuery, limit: number): Promise<{ csv: string; nextCursor: string | null }> {
  const after = decodeCursor(q.cursor, bookingCursor);
  const page = await (await db()).call<{ csv: string; next: z.infer<typeof bookingCursor> | null }>('admin_bookings_csv', {
    filter: filterJson(q) as never, sort: q.sort, dir: q.dir, after: (after ?? null) as never, limit,
  });
  return { csv: page.csv, nextCursor: encodeCursor(page.next) };
}

export async function getAdminBooking(pnr: string): Promise<AdminBooking> {
  return (await db()).call<AdminBooking>('admin_get_booking', { pnr });
}

/** What cancelling would refund now under the fare's rules (a quote the console then confirms). */
export async function quoteAdminCancellation(actorId: string, pnr: string): Promise<CancellationQuote> {
  return (await db()).call<CancellationQuote>('quote_cancellation', { user_id: actorId, pnr, admin: true });
}

export async function cancelAdminBooking(ctx: AuditContext, pnr: string, quoteId: string): Promise<{ quote: CancellationQuote; booking: Booking; replayed?: boolean }> {
  return (await db()).call('admin_cancel_booking', { ctx: ctx as never, pnr, quote_id: quoteId });
}
