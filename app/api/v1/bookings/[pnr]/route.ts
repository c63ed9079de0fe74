import { booking } from '@/lib/bookings/answers';
import { getBooking } from '@/lib/bookings/manage';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { dataOf } from '@/lib/openapi/answers';
import { pnrParams } from './params';

export const dynamic = 'force-dynamic';

// The owner, or an admin; anyone else gets the same 404 as for a booking that does not exist.
export const GET = handler({ name: 'bookings.get', auth: 'signed-in', params: pnrParams, response: dataOf(booking) }, async ({ viewer, params }) =>
  ({ data: await getBooking(viewer, params.pnr) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
