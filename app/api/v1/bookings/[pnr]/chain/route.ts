import { getBooking } from '@/lib/bookings/manage';
import { db } from '@/lib/db/connect';
import { handler } from '@/lib/http/handler';
import { feeRebatesForBooking } from '@/lib/loyalty/fee-rebates-view';
import { otherMethods } from '@/lib/http/methods';
import { bookingChainAnswer } from '@/lib/payments/answers';
import { bookingChainView, type ChainEventRow } from '@/lib/payments/soroban/booking-chain';
import { pnrParams } from '@/app/api/v1/bookings/[pnr]/params';

export const dynamic = 'force-dynamic';

// The booking as the chain event index sees it: each segment's escrow state and whether it
// agrees with the booking (reconciliation), the indexed events, and the tier rebates of its
// fee. The owner (or an admin) only.
export const GET = handler({ name: 'bookings.chain', auth: 'signed-in', params: pnrParams, response: bookingChainAnswer }, async ({ viewer, params }) => {
  const booking = await getBooking(viewer, params.pnr);
  const indexed = await (await db()).call<{ pnr: string; segments: { seq: number; booking_id: string }[]; events: ChainEventRow[] }>(
    'chain_events_for_booking', { booking_ref: booking.pnr });
  const view = bookingChainView(indexed, { status: booking.status, total_minor: booking.price.total_minor, currency: booking.price.currency });
  // the traveller's tier share of the escrow's fee, paid back after the release (lib/loyalty)
  return Response.json({ data: { ...view, fee_rebates: await feeRebatesForBooking(booking.pnr) } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
