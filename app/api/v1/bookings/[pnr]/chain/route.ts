import { getBooking } from '@/lib/bookings/manage';
import { db } from '@/lib/db/connect';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { bookingChainView, type IndexedEvent } from '@/lib/payments/soroban/booking-chain';
import { pnrParams } from '@/app/api/v1/bookings/[pnr]/params';

export const dynamic = 'force-dynamic';

// The booking as the chain event index sees it: each segment's escrow state and whether it
// agrees with the booking (reconciliation), and the indexed events. The owner (or an admin) only.
export const GET = handler({ name: 'bookings.chain', auth: 'signed-in', params: pnrParams }, async ({ viewer, params }) => {
  const booking = await getBooking(viewer, params.pnr);
  const indexed = await (await db()).call<{ pnr: string; segments: { seq: number; booking_id: string }[]; events: IndexedEvent[] }>(
    'chain_events_for_booking', { booking_ref: booking.pnr });
  const view = bookingChainView(indexed, { status: booking.status, total_minor: booking.price.total_minor, currency: booking.price.currency });
  return Response.json({ data: view });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
