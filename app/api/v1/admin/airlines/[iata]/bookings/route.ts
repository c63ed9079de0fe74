import { airlineBookingPage } from '@/lib/airline/answers';
import { actingFor, listAirlineBookings } from '@/lib/airline/portal';
import { airlineBookingsQuery, airlineParams } from '@/lib/airline/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Bookings on the airline's flights, one row per booked segment, by departure; cursor-paged.
// airline.read: admin and finance for any airline, an operator for its own only.
export const GET = handler({ name: 'admin.airline.bookings', auth: 'signed-in', params: airlineParams, query: airlineBookingsQuery, response: airlineBookingPage }, async ({ viewer, params, query }) => {
  actingFor(viewer, params.iata);
  return listAirlineBookings(params.iata, query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
