import 'server-only';
import { can } from '@/lib/admin/permissions';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import type { Booking, CancellationQuote } from './types';

// Everything after creation goes through one database function each; these wrappers only
// say who is asking. A traveller acts on their own bookings; staff with bookings.read may read
// any booking, and cancel one only through the console (lib/admin/bookings.ts), which audits
// the cancellation with a reason. Paying is the payment rail's (lib/payments).

export async function listBookings(viewer: Viewer): Promise<Booking[]> {
  return (await db()).call('list_bookings', { user_id: viewer.id });
}

export async function getBooking(viewer: Viewer, pnr: string): Promise<Booking> {
  return (await db()).call('get_booking', { user_id: viewer.id, pnr, admin: can(viewer, 'bookings.read') });
}

export async function quoteCancellation(viewer: Viewer, pnr: string): Promise<CancellationQuote> {
  return (await db()).call('quote_cancellation', { user_id: viewer.id, pnr, admin: false });
}

export async function confirmCancellation(viewer: Viewer, pnr: string, quoteId: string): Promise<{ quote: CancellationQuote; booking: Booking; replayed?: boolean }> {
  return (await db()).call('confirm_cancellation', { user_id: viewer.id, pnr, quote_id: quoteId, admin: false });
}

/** A held Basic booking upgraded to Standard at its price with the traveller's badges (once; a retry answers it). */
export async function upgradeFareWithBadges(viewer: Viewer, pnr: string): Promise<Booking & { replayed: boolean }> {
  return (await db()).call('upgrade_booking_fare', { user_id: viewer.id, pnr });
}
