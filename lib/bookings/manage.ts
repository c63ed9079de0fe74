import 'server-only';
import { z } from 'zod';
import { can } from '@/lib/admin/permissions';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import { decodeCursor, encodeCursor, type PageQuery } from '@/lib/http/cursor';
import type { Booking, CancellationQuote, CancellationResult } from './types';

// Everything after creation goes through one database function each; these wrappers only
// say who is asking. A traveller acts on their own bookings; staff with bookings.read may read
// any booking, and cancel one only through the console (lib/admin/bookings.ts), which audits
// the cancellation with a reason. Paying is the payment rail's (lib/payments).

const bookingPosition = z.object({ created_at: z.string().max(40), id: z.uuid() });

/** The viewer's bookings, newest first, one keyset page (GET /bookings). */
export async function listBookings(viewer: Viewer, page: PageQuery = { limit: 50 }): Promise<{ data: Booking[]; nextCursor: string | null }> {
  const after = decodeCursor(page.cursor, bookingPosition);
  const res = await (await db()).call<{ data: Booking[]; next: z.infer<typeof bookingPosition> | null }>('list_bookings', {
    user_id: viewer.id, after_created_at: after?.created_at ?? null, after_id: after?.id ?? null, limit: page.limit,
  });
  return { data: res.data, nextCursor: encodeCursor(res.next) };
}

export async function getBooking(viewer: Viewer, pnr: string): Promise<Booking> {
  return (await db()).call('get_booking', { user_id: viewer.id, pnr, admin: can(viewer, 'bookings.read') });
}

export async function quoteCancellation(viewer: Viewer, pnr: string): Promise<CancellationQuote> {
  return (await db()).call('quote_cancellation', { user_id: viewer.id, pnr, admin: false });
}

export async function confirmCancellation(viewer: Viewer, pnr: string, quoteId: string): Promise<CancellationResult & { replayed?: boolean }> {
  return (await db()).call('confirm_cancellation', { user_id: viewer.id, pnr, quote_id: quoteId, admin: false });
}

/** A held Basic booking upgraded to Standard at its price with the traveller's badges (once; a retry answers it). */
export async function upgradeFareWithBadges(viewer: Viewer, pnr: string): Promise<Booking & { replayed: boolean }> {
  return (await db()).call('upgrade_booking_fare', { user_id: viewer.id, pnr });
}
