import { payBooking } from '@/lib/bookings/manage';
import { handler } from '@/lib/http/handler';
import { idempotencyKey } from '@/lib/http/idempotency';
import { pnrParams } from '../params';

export const dynamic = 'force-dynamic';

// Pays the booking into escrow on the configured rail. Paying a paid booking again (a retry,
// whatever its key) answers the paid booking and charges nothing.
export const POST = handler({ name: 'bookings.pay', auth: 'signed-in', params: pnrParams }, async ({ req, viewer, params }) => {
  idempotencyKey(req.headers);
  const { booking, replayed } = await payBooking(viewer, params.pnr);
  return Response.json({ data: booking }, { status: replayed ? 200 : 201, headers: replayed ? { 'idempotent-replayed': 'true' } : {} });
});
