import { adminFlightPage } from '@/lib/disruptions/answers';
import { flightScope, listFlights } from '@/lib/disruptions/flights';
import { flightListQuery } from '@/lib/disruptions/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// The schedule for ops (every airline) and airline operators (their own): filters, cursor.
export const GET = handler({ name: 'admin.flights.list', auth: 'signed-in', query: flightListQuery, response: adminFlightPage }, async ({ viewer, query }) => {
  return listFlights({ ...query, airline: flightScope(viewer, query.airline) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
