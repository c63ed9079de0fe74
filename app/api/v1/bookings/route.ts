import { booking as bookingAnswer } from '@/lib/bookings/answers';
import { createBooking, createBookingSchema } from '@/lib/bookings/create';
import { listBookings } from '@/lib/bookings/manage';
import { pageQuery } from '@/lib/http/cursor';
import { dataOf, pageOf } from '@/lib/openapi/answers';
import { handler } from '@/lib/http/handler';
import { idempotencyKey } from '@/lib/http/idempotency';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

export const POST = handler({ name: 'bookings.create', auth: 'signed-in', body: createBookingSchema, response: dataOf(bookingAnswer) }, async ({ req, body, viewer }) => {
  const key = idempotencyKey(req.headers);
  const { booking, replayed } = await createBooking(viewer, key, body);
  return Response.json({ data: booking }, {
    status: replayed ? 200 : 201,
    headers: { location: `/api/v1/bookings/${booking.pnr}`, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) },
  });
});

// Newest first, one keyset page: { data, nextCursor }.
export const GET = handler({ name: 'bookings.list', auth: 'signed-in', query: pageQuery, response: pageOf(bookingAnswer) }, async ({ viewer, query }) => listBookings(viewer, query));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
