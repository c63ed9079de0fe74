import 'server-only';
import { hasRole, type Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import type { Booking, CancellationQuote } from './types';

// Everything after creation goes through one database function each; these wrappers only
// say who is asking (an admin may act on any booking). Paying is the payment rail's
// (lib/payments).

const isAdmin = (v: Viewer) => hasRole(v, 'admin');

export async function listBookings(viewer: Viewer): Promise<Booking[]> {
  return (await db()).call('list_bookings', { user_id: viewer.id });
}

export async function getBooking(viewer: Viewer, pnr: string): Promise<Booking> {
  return (await db()).call('get_booking', { user_id: viewer.id, pnr, admin: isAdmin(viewer) });
}

export async function quoteCancellation(viewer: Viewer, pnr: string): Promise<CancellationQuote> {
  return (await db()).call('quote_cancellation', { user_id: viewer.id, pnr, admin: isAdmin(viewer) });
}

export async function confirmCancellation(viewer: Viewer, pnr: string, quoteId: string): Promise<{ quote: CancellationQuote; booking: Booking; replayed?: boolean }> {
  return (await db()).call('confirm_cancellation', { user_id: viewer.id, pnr, quote_id: quoteId, admin: isAdmin(viewer) });
}
